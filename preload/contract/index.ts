import type { z } from 'zod';
import type { Channel, EventName } from './channels';
import type { Result } from './result';
import { Empty } from './schemas/common';
import { AppInfoOutput, CreateSampleInput, CreateSampleOutput } from './schemas/app';
import {
  DatasetDeleteInput, DatasetDeleteOutput, DatasetImportInput, DatasetImportOutput, DatasetListOutput,
  DatasetSeriesInput, DatasetSeriesOutput,
} from './schemas/datasets';
import { BookIdInput, BookImportInput, BookListOutput, BookSummary } from './schemas/books';
import { ModelDeleteOutput, ModelIdInput, ModelListOutput, ModelRecordSchema, ModelSaveInput } from './schemas/models';
import {
  MarginAccountsInput, MarginAccountsOutput, MarginComputeInput, MarginExplainInput, MarginExplainOutput, MarginRunSummary,
  RunIdInput, RunInfo, RunListInput, RunListOutput,
} from './schemas/margin';
import { JobCancelInput, JobCancelOutput, JobFinishedEvent, JobListOutput, JobProgressEvent } from './schemas/jobs';
import { BacktestInput, SweepConfig } from './schemas/calibration';
import {
  BacktestOutput, CalibrateInput, CalibrateOutput, CalibrationVarInput, CalibrationVarOutput, DiagnoseInput, DiagnoseOutput,
  LookbackInput, LookbackStabilityOutput, QqInput, QqOutput, SaveCalibratedModelInput, SweepOutput,
} from './schemas/calibrationChannels';
import { AuditExportBundleInput, ExportedFile, ReportExportInput, ReportPreviewInput, ReportPreviewOutput } from './schemas/reports';
import { CompareAccountsInput, CompareAccountsOutput, CompareRunsInput, CompareRunsOutput, OpenExportsFolderOutput } from './schemas/compare';
import {
  CorrelationBuildInput, CorrelationMatrixOutput, CorrelationShockInput, CorrelationShockOutput, EpisodeListOutput, EpisodeReplayInput,
  EpisodeReplayOutput, ScenarioDeleteOutput, ScenarioIdInput, ScenarioListOutput, ScenarioRecord, ScenarioSaveInput, ScenarioValidateInput,
  ScenarioValidateOutput, StressedPeriodInput, StressedPeriodOutput,
} from './schemas/stress';
import {
  StressAccountsInput, StressAccountsOutput, StressPenaltySweepInput, StressPenaltySweepOutput, StressReverseInput, StressReverseOutput,
  StressRunIdInput, StressRunInput, StressRunOutput,
} from './schemas/stressRuns';

export * from './channels';
export * from './result';

interface ChannelSpec { input: z.ZodType; output: z.ZodType }

/** THE BOUNDARY: every channel's input and output schema. Main validates every input against it. */
export const contract = {
  'app:info': { input: Empty, output: AppInfoOutput },
  'dataset:import': { input: DatasetImportInput, output: DatasetImportOutput },
  'dataset:list': { input: Empty, output: DatasetListOutput },
  'dataset:series': { input: DatasetSeriesInput, output: DatasetSeriesOutput },
  'dataset:delete': { input: DatasetDeleteInput, output: DatasetDeleteOutput },
  'workspace:createSample': { input: CreateSampleInput, output: CreateSampleOutput },
  'book:import': { input: BookImportInput, output: BookSummary },
  'book:list': { input: Empty, output: BookListOutput },
  'book:get': { input: BookIdInput, output: BookSummary },
  'model:list': { input: Empty, output: ModelListOutput },
  'model:get': { input: ModelIdInput, output: ModelRecordSchema },
  'model:save': { input: ModelSaveInput, output: ModelRecordSchema },
  'model:delete': { input: ModelIdInput, output: ModelDeleteOutput },
  'margin:compute': { input: MarginComputeInput, output: MarginRunSummary },
  'margin:accounts': { input: MarginAccountsInput, output: MarginAccountsOutput },
  'margin:explain': { input: MarginExplainInput, output: MarginExplainOutput },
  'run:list': { input: RunListInput, output: RunListOutput },
  'run:get': { input: RunIdInput, output: RunInfo },
  'job:list': { input: Empty, output: JobListOutput },
  'job:cancel': { input: JobCancelInput, output: JobCancelOutput },
  'calibration:var': { input: CalibrationVarInput, output: CalibrationVarOutput },
  'calibration:backtest': { input: BacktestInput, output: BacktestOutput },
  'calibration:diagnose': { input: DiagnoseInput, output: DiagnoseOutput },
  'calibration:calibrate': { input: CalibrateInput, output: CalibrateOutput },
  'calibration:sweep': { input: SweepConfig, output: SweepOutput },
  'calibration:qq': { input: QqInput, output: QqOutput },
  'calibration:lookback': { input: LookbackInput, output: LookbackStabilityOutput },
  'calibration:saveModel': { input: SaveCalibratedModelInput, output: ModelRecordSchema },
  'report:preview': { input: ReportPreviewInput, output: ReportPreviewOutput },
  'report:export': { input: ReportExportInput, output: ExportedFile },
  'audit:exportBundle': { input: AuditExportBundleInput, output: ExportedFile },
  'compare:runs': { input: CompareRunsInput, output: CompareRunsOutput },
  'compare:accounts': { input: CompareAccountsInput, output: CompareAccountsOutput },
  'app:openExportsFolder': { input: Empty, output: OpenExportsFolderOutput },
  'scenario:list': { input: Empty, output: ScenarioListOutput },
  'scenario:get': { input: ScenarioIdInput, output: ScenarioRecord },
  'scenario:save': { input: ScenarioSaveInput, output: ScenarioRecord },
  'scenario:validate': { input: ScenarioValidateInput, output: ScenarioValidateOutput },
  'scenario:delete': { input: ScenarioIdInput, output: ScenarioDeleteOutput },
  'episode:list': { input: Empty, output: EpisodeListOutput },
  'episode:replay': { input: EpisodeReplayInput, output: EpisodeReplayOutput },
  'stress:stressedPeriod': { input: StressedPeriodInput, output: StressedPeriodOutput },
  'correlation:build': { input: CorrelationBuildInput, output: CorrelationMatrixOutput },
  'correlation:shock': { input: CorrelationShockInput, output: CorrelationShockOutput },
  'stress:run': { input: StressRunInput, output: StressRunOutput },
  'stress:get': { input: StressRunIdInput, output: StressRunOutput },
  'stress:accounts': { input: StressAccountsInput, output: StressAccountsOutput },
  'stress:reverse': { input: StressReverseInput, output: StressReverseOutput },
  'stress:penaltySweep': { input: StressPenaltySweepInput, output: StressPenaltySweepOutput },
} satisfies Record<Channel, ChannelSpec>;

export const events = {
  'job:progress': JobProgressEvent,
  'job:finished': JobFinishedEvent,
} satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
/** What a caller passes (defaults may be omitted). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** `window.api`: `api.dataset.import(input)` for channel `dataset:import`, plus `on(event, cb)`. */
export type Api = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: (input: InputOf<`${D}:${V}` & Channel>) => Promise<Result<OutputOf<`${D}:${V}` & Channel>>>;
  };
} & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};

export * as schemas from './schemas/all';
export type * from './schemas/all';
