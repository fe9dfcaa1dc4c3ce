/** A request about pulses that cannot be done as asked; the message says why, in words for the person. */
export class PulseInputError extends Error {
  override name = 'PulseInputError';
}
