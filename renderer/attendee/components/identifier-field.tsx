// The "username or e-mail" input of log in and password reset: no capitals, corrections or
// spell checks forced on it, as long as the longest e-mail.
import type { ChangeEvent } from 'react';
import { EMAIL_MAX } from '../../../server/contract/limits';
import { useI18n } from '../i18n/i18n';
import { Field } from './field';

export function IdentifierField({ value, onChange }: { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void }) {
  const { t } = useI18n();
  return (
    <Field
      label={t('identifierLabel')}
      value={value}
      onChange={onChange}
      autoComplete="username"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      maxLength={EMAIL_MAX}
    />
  );
}
