// What a document's run tells as it goes, with the same meaning from either driver (in process or
// on the queues): the stage it has entered, or a page whose text it has.
export type DocumentStage = 'reading' | 'extracting' | 'storing';

export type Progress = { stage: DocumentStage } | { page: number };
