// How many jobs the scheduler may run at once. Image work and password hashing share the
// cores: while logins wait for the password lane, one image slot is held back so that a
// registration burst is not stuck behind a photo backlog. Rekognition jobs mostly wait on
// the network: they get room on top, as many as calls may be in flight.
export function jobCapacity(p: { poolSize: number; passwordsWaiting: number; rekognitionSlots: number }): number {
  const images = p.passwordsWaiting > 0 && p.poolSize > 1 ? p.poolSize - 1 : p.poolSize;
  return images + p.rekognitionSlots;
}
