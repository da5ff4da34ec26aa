/** Folded Swedish and English function words: they say little about which topic, or which danger, is meant. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'jag du han hon den det de vi ni en ett och att i pa av for med som ar var har vad hur vem nar om till mig min mitt mina sa kan ska inte eller the a an to of and is in my me do what how who can should it on for be are if with at this that'.split(
    ' ',
  ),
);
