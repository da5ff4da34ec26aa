// Minimal declarations for the parts of nlp.js (which ships no types) that the guidance matcher uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpResult {
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  export interface NlpInstance {
    settings: { autoSave: boolean; log: boolean };
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpResult>;
    /** The NLU step of `process`: the intent classification alone. */
    classify(locale: string, utterance: string): Promise<NlpResult>;
    /** The trained model as JSON text (`minified`: without indentation). */
    export(minified?: boolean): string;
    /** The trained model as a plain object (what `export` stringifies). */
    toJSON(): object;
    /** Replaces the model with one `export` (text) or `toJSON` (object) made. */
    import(data: string | object): void;
    /** The container it was made in (its stemmers, by name: "stemmer-sv"). */
    container?: { get(name: string): unknown };
  }
}

declare module '@nlpjs/lang-sv' {
  export const LangSv: unknown;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
