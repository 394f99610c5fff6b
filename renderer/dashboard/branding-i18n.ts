// Words of the event's branding form and of the join poster, in English and French (TypeScript
// checks both have every key). Kept apart from i18n.ts: the poster is printed in a language the
// operator picks beside it, whatever the dashboard's own language.
import type { Lang } from './i18n';

const en = {
  brandingTitle: 'Poster and look',
  brandingHelp: 'The colour and logo also show on the attendees’ phones.',
  accentColor: 'Accent colour',
  accentNone: 'FindMe’s own colours',
  clearColor: 'Use FindMe’s colours',
  logo: 'Logo',
  logoHelp: 'PNG, JPEG or WebP, up to 10 MB; kept at 512 px at most.',
  chooseLogo: 'Choose a logo…',
  removeLogo: 'Remove the logo',
  noLogo: 'No logo',
  logoAlt: 'The event’s logo',
  wifiTitle: 'Venue Wi-Fi',
  wifiHelp: 'Printed on the poster with a QR code that joins the network.',
  wifiName: 'Network name (SSID)',
  wifiSecurity: 'Security',
  wifiWpa: 'WPA / WPA2 / WPA3',
  wifiWep: 'WEP',
  wifiOpen: 'Open network (no password)',
  wifiPassword: 'Password',
  wifiHidden: 'Hidden network (does not show its name)',
  wifiNone: 'No Wi-Fi on the poster',
  save: 'Save',
  saved: 'Saved.',
  posterLanguage: 'Poster language',
  printPoster: 'Print the poster (A4)',
  err_invalid_wifi: {
    ssid_too_long: 'A Wi-Fi name is 32 bytes at most (fewer characters with accents).',
    control_characters: 'The Wi-Fi name and password cannot hold tabs or line breaks.',
    password_required: 'This network needs its password, or choose “Open network”.',
    password_not_allowed: 'An open network has no password: remove it, or choose WPA.',
    wpa_password_length: 'A WPA password is 8 to 63 characters (or 64 hexadecimal digits).',
    wep_key_length: 'A WEP key is 5 or 13 characters (or 10 or 26 hexadecimal digits).',
  } as Record<string, string>,
};

export type BrandingDict = typeof en;

const fr: BrandingDict = {
  brandingTitle: 'Affiche et apparence',
  brandingHelp: 'La couleur et le logo s’affichent aussi sur les téléphones des participants.',
  accentColor: 'Couleur principale',
  accentNone: 'Couleurs de FindMe',
  clearColor: 'Revenir aux couleurs de FindMe',
  logo: 'Logo',
  logoHelp: 'PNG, JPEG ou WebP, 10\u00a0Mo au plus\u00a0; ramené à 512\u00a0px au plus.',
  chooseLogo: 'Choisir un logo…',
  removeLogo: 'Retirer le logo',
  noLogo: 'Pas de logo',
  logoAlt: 'Le logo de l’événement',
  wifiTitle: 'Wi-Fi du lieu',
  wifiHelp: 'Imprimé sur l’affiche avec un code QR qui connecte au réseau.',
  wifiName: 'Nom du réseau (SSID)',
  wifiSecurity: 'Sécurité',
  wifiWpa: 'WPA / WPA2 / WPA3',
  wifiWep: 'WEP',
  wifiOpen: 'Réseau ouvert (sans mot de passe)',
  wifiPassword: 'Mot de passe',
  wifiHidden: 'Réseau masqué (n’affiche pas son nom)',
  wifiNone: 'Pas de Wi-Fi sur l’affiche',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  posterLanguage: 'Langue de l’affiche',
  printPoster: 'Imprimer l’affiche (A4)',
  err_invalid_wifi: {
    ssid_too_long: 'Un nom de Wi-Fi fait 32\u00a0octets au plus (moins de caractères s’il a des accents).',
    control_characters: 'Le nom et le mot de passe du Wi-Fi ne peuvent pas contenir de tabulations ni de retours à la ligne.',
    password_required: 'Ce réseau a besoin de son mot de passe, ou choisissez «\u00a0Réseau ouvert\u00a0».',
    password_not_allowed: 'Un réseau ouvert n’a pas de mot de passe\u00a0: retirez-le, ou choisissez WPA.',
    wpa_password_length: 'Un mot de passe WPA fait de 8 à 63\u00a0caractères (ou 64\u00a0chiffres hexadécimaux).',
    wep_key_length: 'Une clé WEP fait 5 ou 13\u00a0caractères (ou 10 ou 26\u00a0chiffres hexadécimaux).',
  },
};

/** The poster's own words, in the language chosen for the poster. */
const posterEn = {
  step1: 'Join the Wi-Fi',
  step2: 'Scan to find your photos',
  password: 'Password',
  openNetwork: 'Open network: no password',
  hiddenNetwork: 'Hidden network: type its name',
  scanHint: 'Open your phone’s camera and point it at the code.',
  orOpen: 'or open',
  code: 'Event code',
  only: 'Scan to find your photos',
  footer: 'Your photos, only yours: a private gallery of the photos you are in.',
};
export type PosterDict = typeof posterEn;

const posterFr: PosterDict = {
  step1: 'Connectez-vous au Wi-Fi',
  step2: 'Scannez pour retrouver vos photos',
  password: 'Mot de passe',
  openNetwork: 'Réseau ouvert\u00a0: pas de mot de passe',
  hiddenNetwork: 'Réseau masqué\u00a0: saisissez son nom',
  scanHint: 'Ouvrez l’appareil photo du téléphone et visez le code.',
  orOpen: 'ou ouvrez',
  code: 'Code de l’événement',
  only: 'Scannez pour retrouver vos photos',
  footer: 'Vos photos, rien qu’à vous\u00a0: une galerie privée des photos où vous êtes.',
};

export const BRANDING_WORDS: Record<Lang, BrandingDict> = { en, fr };
export const POSTER_WORDS: Record<Lang, PosterDict> = { en: posterEn, fr: posterFr };
export const LANG_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };
