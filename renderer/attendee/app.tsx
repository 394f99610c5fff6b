// The attendee app's screens: loading → join → register (details, consent) or log in →
// home (selfie, gallery, account) → farewell. No client routes beyond / and /e/<CODE>
// (the server serves only those): the screen is state, the event code lives in the URL.
import { useCallback, useEffect, useState } from 'react';
import type { AuthResponse, MeResponse } from '../../server/contract/attendee';
import type { EventRef } from '../../server/contract/common';
import { api, errorCode, eventNames } from './api';
import { ErrorNotice } from './components/error-notice';
import { AppHeader } from './components/header';
import { useI18n } from './i18n/i18n';
import { FarewellScreen } from './screens/farewell-screen';
import { HomeScreen, type SignOutReason } from './screens/home-screen';
import { JoinScreen } from './screens/join-screen';
import { LoginScreen } from './screens/login-screen';
import { RegisterScreen } from './screens/register-screen';
import { ResetPasswordScreen } from './screens/reset-password-screen';

type Screen =
  | { name: 'loading' }
  | { name: 'offline'; code: string }
  | { name: 'join' }
  | { name: 'register'; event: EventRef; code: string }
  | { name: 'login'; event: EventRef | null }
  | { name: 'reset'; event: EventRef | null; identifier: string }
  | { name: 'home'; me: MeResponse }
  | { name: 'farewell'; reason: SignOutReason };

export function codeFromPath(): string {
  const m = /^\/e\/([A-Za-z0-9]{1,32})\/?$/.exec(location.pathname);
  return m?.[1]?.toUpperCase() ?? '';
}

export function App() {
  const { t } = useI18n();
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [code, setCode] = useState(codeFromPath);

  const loadSession = useCallback(() => {
    setScreen({ name: 'loading' });
    const pathCode = codeFromPath();
    // A QR code of another event than the one this phone is logged in to: join that one.
    const pathEvent = pathCode
      ? api.checkEventCode(pathCode).then(
          (r) => r.event ?? null,
          () => null,
        )
      : Promise.resolve(null);
    Promise.all([api.me(), pathEvent]).then(
      ([me, event]) => {
        setScreen(event && event.id !== me.attendee.eventId ? { name: 'join' } : { name: 'home', me });
      },
      (err: unknown) => {
        const c = errorCode(err);
        setScreen(c === 'unauthorized' || c === 'session_expired' ? { name: 'join' } : { name: 'offline', code: c });
      },
    );
  }, []);
  useEffect(loadSession, [loadSession]);

  const signedIn = (auth: AuthResponse) => {
    api.me().then(
      (me) => setScreen({ name: 'home', me }),
      () => setScreen({ name: 'home', me: { attendee: auth.attendee, selfies: [], photoCount: 0 } }),
    );
  };

  const goRegister = (event: EventRef, eventCode: string) => {
    eventNames.remember([event]);
    setCode(eventCode);
    if (location.pathname !== `/e/${eventCode}`) history.replaceState(null, '', `/e/${eventCode}`);
    setScreen({ name: 'register', event, code: eventCode });
  };

  let eventName: string | null = null;
  if (screen.name === 'home') eventName = eventNames.get(screen.me.attendee.eventId);
  else if (screen.name === 'register') eventName = screen.event.name;

  return (
    <>
      <AppHeader eventName={eventName} />
      <main id="main" className={`screen-${screen.name}`}>
        {screen.name === 'loading' && (
          <p className="hint center" role="status">
            {t('loading')}
          </p>
        )}
        {screen.name === 'offline' && <ErrorNotice code={screen.code} onRetry={loadSession} />}
        {screen.name === 'join' && (
          <JoinScreen
            initialCode={code}
            onRegister={goRegister}
            onLogin={(event) => {
              if (event) eventNames.remember([event]);
              setScreen({ name: 'login', event });
            }}
          />
        )}
        {screen.name === 'register' && <RegisterScreen event={screen.event} code={screen.code} onDone={signedIn} onBack={() => setScreen({ name: 'join' })} />}
        {screen.name === 'login' && (
          <LoginScreen
            preferredEvent={screen.event}
            onDone={signedIn}
            onBack={() => setScreen({ name: 'join' })}
            onForgot={(identifier) => setScreen({ name: 'reset', event: screen.event, identifier })}
          />
        )}
        {screen.name === 'reset' && (
          <ResetPasswordScreen identifier={screen.identifier} onDone={signedIn} onBack={() => setScreen({ name: 'login', event: screen.event })} />
        )}
        {screen.name === 'home' && <HomeScreen key={screen.me.attendee.id} me={screen.me} onSignedOut={(reason) => setScreen({ name: 'farewell', reason })} />}
        {screen.name === 'farewell' && <FarewellScreen reason={screen.reason} onRestart={() => setScreen({ name: 'join' })} />}
      </main>
    </>
  );
}
