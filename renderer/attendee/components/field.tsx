// A labelled text input with its hint and a live message (availability, errors).
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface FieldMessage {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown after the label, e.g. "(optional)". */
  labelNote?: string;
  hint?: string;
  /** `undefined`: this field never has a message (no space is kept for one). */
  message?: FieldMessage | null;
  /** Something next to the input (a show-password button). */
  adornment?: ReactNode;
}

export function Field({ label, labelNote, hint, message, adornment, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const msgId = `${id}-msg`;
  const describedBy = [hint ? hintId : null, message ? msgId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {labelNote && <span className="label-note"> ({labelNote})</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <div className={adornment ? 'input-row' : undefined}>
        <input id={id} aria-describedby={describedBy} aria-invalid={message?.tone === 'error' || undefined} {...input} />
        {adornment}
      </div>
      {message !== undefined && (
        <p id={msgId} className={`field-msg ${message?.tone ?? ''}`} aria-live="polite">
          {message && <span aria-hidden="true">{message.tone === 'ok' ? '✓ ' : message.tone === 'error' ? '! ' : ''}</span>}
          {message?.text}
        </p>
      )}
    </div>
  );
}
