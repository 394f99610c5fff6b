// An image the admin API serves: fetched with the token (never put in a URL) and shown from an
// object URL, revoked when the image goes.
import { useEffect, useState, type ImgHTMLAttributes } from 'react';
import { useDashboard } from '../state';

export function useAdminImage(path: string | null): { url: string | null; failed: boolean } {
  const { api } = useDashboard();
  const [state, setState] = useState<{ path: string | null; url: string | null; failed: boolean }>({ path: null, url: null, failed: false });
  useEffect(() => {
    if (!path) return;
    let live = true;
    let made: string | null = null;
    api.imageUrl(path).then(
      (u) => {
        made = u;
        if (live) setState({ path, url: u, failed: false });
        else URL.revokeObjectURL(u);
      },
      () => live && setState({ path, url: null, failed: true }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, path]);
  return state.path === path ? state : { url: null, failed: false };
}

export function AdminImage({ path, alt, ...rest }: { path: string; alt: string } & Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'alt'>) {
  const { url } = useAdminImage(path);
  return url ? <img src={url} alt={alt} {...rest} /> : <div className={`placeholder ${rest.className ?? ''}`} aria-hidden="true" />;
}
