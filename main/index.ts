import Database from "better-sqlite3"; console.log("main", typeof Database);
