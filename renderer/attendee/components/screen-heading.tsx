// A screen's <h1>: it takes the focus when the screen appears, so a screen reader announces
// the new screen and keyboard users start from its top.
import { useEffect, useRef, type ReactNode } from 'react';

export function ScreenHeading({ children, id, focus = true }: { children: ReactNode; id?: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false });
  }, [focus]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1}>
      {children}
    </h1>
  );
}
