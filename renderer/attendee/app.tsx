// The attendee app's screens: loading → join → register (details, consent) or log in →
// home (selfie, gallery, account; the photo viewer on top) → farewell. Each step is an entry
// in the browser's history (nav/), so Back, Forward and a reload keep the attendee where they
// were; the session decides which steps fit (signed in: home only; signed out: the others).
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { AuthResponse, MeResponse } from '../../server/contract/attendee';
import type { EventRef } from '../../server/contract/common';
import { api, errorCode, eventNames } from './api';
import { ErrorNotice } from './components/error-notice';
import { AppHeader } from './components/header';
import { clearDrafts } from './drafts';
import { useI18n } from './i18n/i18n';
import { codeFromPath, knownPath, signedOutOnly, type SignOutReason, type Step } from './nav/steps';
import { useHistoryStep } from './nav/use-history-step';
import { FarewellScreen } from './screens/farewell-screen';
import { HomeScreen } from './screens/home-screen';
import { JoinScreen } from './screens/join-screen';
import { LoginScreen } from './screens/login-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { RegisterScreen } from './screens/register-screen';
import { ResetPasswordScreen } from './screens/reset-password-screen';

export { codeFromPath };

type Session = { state: 'loading' } | { state: 'offline'; code: string } | { state: 'out' } | { state: 'in'; me: MeResponse };

/** The step to show: the one in history when it fits the session, else the session's own. */
function fit(step: Step | null, session: Session): Step | null {
  if (session.state === 'in') return step?.name === 'home' ? step : { name: 'home' };
  if (session.state === 'out') return step && signedOutOnly(step) ? step : { name: 'join' };
  return null;
}

const sameStep = (a: Step | null, b: Step | null) => JSON.stringify(a) === JSON.stringify(b);

export function App() {
  const { t } = useI18n();
  const nav = useHistoryStep();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [notFound] = useState(() => !knownPath());

  const loadSession = useCallback(() => {
    setSession({ state: 'loading' });
    const pathCode = codeFromPath();
    // A QR code of another event than the one this phone is logged in to: join that one.
    const pathEvent = pathCode
      ? api.checkEventCode(pathCode).then(
          (r) => r.event ?? null,
          () => null,
        )
      : Promise.resolve(null);
    Promise.all([api.me(), pathEvent]).then(
      ([me, event]) => setSession(event && event.id !== me.attendee.eventId ? { state: 'out' } : { state: 'in', me }),
      (err: unknown) => {
        const c = errorCode(err);
        setSession(c === 'unauthorized' || c === 'session_expired' ? { state: 'out' } : { state: 'offline', code: c });
      },
    );
  }, []);
  useEffect(() => {
    if (!notFound) loadSession();
  }, [loadSession, notFound]);

  const step = fit(nav.step, session);
  // A step that does not fit (a reload, Back or Forward into a sign-up form once signed in) is
  // replaced in history by the one shown.
  useEffect(() => {
    if (step && !nav.resetting() && !sameStep(step, nav.step)) nav.replace(step);
  }, [step, nav]);

  // A new screen opens at its top (the viewer is not a new screen: the gallery stays put).
  const screenName = notFound ? 'not-found' : (step?.name ?? session.state);
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [screenName]);

  const signedIn = (auth: AuthResponse, url?: string) => {
    clearDrafts();
    const enter = (me: MeResponse) => {
      setSession({ state: 'in', me });
      nav.reset({ name: 'home' }, url); // Back does not reopen the sign-up steps
    };
    api.me().then(enter, () => enter({ attendee: auth.attendee, selfies: [], photoCount: 0 }));
  };

  const signedOut = (reason: SignOutReason) => {
    clearDrafts();
    setSession({ state: 'out' });
    nav.reset({ name: 'farewell', reason }); // Back does not reopen the gallery
  };

  const goRegister = (event: EventRef, eventCode: string) => {
    eventNames.remember([event]);
    nav.push({ name: 'register', event, code: eventCode }, `/e/${eventCode}`);
  };

  let eventName: string | null = null;
  if (session.state === 'in') eventName = eventNames.get(session.me.attendee.eventId);
  else if (step?.name === 'register' || step?.name === 'consent') eventName = step.event.name;

  let screen = null;
  if (notFound) screen = <NotFoundScreen />;
  else if (session.state === 'loading')
    screen = (
      <p className="hint center" role="status">
        {t('loading')}
      </p>
    );
  else if (session.state === 'offline') screen = <ErrorNotice code={session.code} onRetry={loadSession} />;
  else if (session.state === 'in') {
    const photo = step?.name === 'home' ? (step.photo ?? null) : null;
    screen = (
      <HomeScreen
        key={session.me.attendee.id}
        me={session.me}
        viewingId={photo}
        onView={(id, how) => (how === 'open' ? nav.push({ name: 'home', photo: id }) : nav.replace({ name: 'home', photo: id }))}
        onCloseViewer={() => nav.back({ name: 'home' })}
        onSignedOut={signedOut}
      />
    );
  } else if (step?.name === 'join') {
    screen = (
      <JoinScreen
        initialCode={codeFromPath()}
        onRegister={goRegister}
        onLogin={(event) => {
          if (event) eventNames.remember([event]);
          nav.push({ name: 'login', event });
        }}
      />
    );
  } else if (step?.name === 'register' || step?.name === 'consent') {
    const { event, code } = step;
    screen = (
      <RegisterScreen
        key={code}
        event={event}
        code={code}
        step={step.name === 'consent' ? 'consent' : 'details'}
        onConsentStep={() => nav.push({ name: 'consent', event, code })}
        onDetailsStep={() => nav.back({ name: 'register', event, code })}
        onDone={(auth) => signedIn(auth, `/e/${code}`)}
        onBack={() => nav.back({ name: 'join' })}
      />
    );
  } else if (step?.name === 'login') {
    const { event } = step;
    screen = (
      <LoginScreen
        preferredEvent={event}
        onDone={(auth) => signedIn(auth)}
        onBack={() => nav.back({ name: 'join' })}
        onForgot={(identifier) => nav.push({ name: 'reset', event, identifier })}
      />
    );
  } else if (step?.name === 'reset') {
    const { event } = step;
    screen = <ResetPasswordScreen identifier={step.identifier} onDone={(auth) => signedIn(auth)} onBack={() => nav.back({ name: 'login', event })} />;
  } else if (step?.name === 'farewell') {
    screen = <FarewellScreen reason={step.reason} onRestart={() => nav.replace({ name: 'join' })} />;
  }

  return (
    <>
      <AppHeader eventName={eventName} />
      <main id="main" className={`screen-${screenName}`}>
        {screen}
      </main>
    </>
  );
}
