// A path the phone app does not know (a mistyped or cut address): the server answers 404 with
// the app, which says so in the phone's language and leads to the start.
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';

export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <section className="card farewell" aria-labelledby="not-found-title">
      <span className="farewell-icon not-found" aria-hidden="true" />
      <ScreenHeading id="not-found-title">{t('notFoundTitle')}</ScreenHeading>
      <p>{t('notFoundText')}</p>
      <div className="actions">
        <a className="btn primary" href="/">
          {t('notFoundStart')}
        </a>
      </div>
    </section>
  );
}
