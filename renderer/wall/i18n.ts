// The wall's words in English and French, from the browser's language (like the phone app).
// TypeScript checks that both have every key.
const en = {
  title: 'Photo wall',
  loading: 'Loading…',
  idle: 'Photos will appear here',
  photoAlt: 'A photo of the event',
  off: 'This photo wall is off',
  offHelp: 'Ask the organiser for the address of the new wall.',
  offline: 'Reconnecting…',
  fullScreen: 'Full screen',
};
const fr: typeof en = {
  title: 'Mur de photos',
  loading: 'Chargement…',
  idle: 'Les photos apparaîtront ici',
  photoAlt: 'Une photo de l’événement',
  off: 'Ce mur de photos est éteint',
  offHelp: 'Demandez à l’organisateur l’adresse du nouveau mur.',
  offline: 'Reconnexion…',
  fullScreen: 'Plein écran',
};
export type WallWords = typeof en;

export function wallWords(languages: readonly string[]): { lang: 'en' | 'fr'; t: WallWords } {
  for (const l of languages) {
    const base = l.slice(0, 2).toLowerCase();
    if (base === 'fr') return { lang: 'fr', t: fr };
    if (base === 'en') return { lang: 'en', t: en };
  }
  return { lang: 'en', t: en };
}
