// A password input with its Show / Hide button (the same on every screen that asks for one).
import { useState, type ComponentProps } from 'react';
import { useI18n } from '../i18n/i18n';
import { Field } from './field';

type Props = Omit<ComponentProps<typeof Field>, 'type' | 'adornment'>;

export function PasswordField(props: Props) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <Field
      {...props}
      type={shown ? 'text' : 'password'}
      adornment={
        <button
          type="button"
          className="btn ghost reveal"
          onClick={() => setShown((v) => !v)}
          aria-label={shown ? t('hidePasswordLabel') : t('showPasswordLabel')}
        >
          {shown ? t('hidePassword') : t('showPassword')}
        </button>
      }
    />
  );
}
