#!/usr/bin/env node
import Database from "better-sqlite3"; console.log("cli", typeof Database);
