import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Alert } from './Alert';
import { FocusedStatus } from './FocusedStatus';

// The real component rendered by React: the markup every screen's messages now share.
describe('Alert', () => {
  it('announces an error as an alert and a notice as status, with the alert classes', () => {
    expect(renderToStaticMarkup(<Alert kind="error">The vault is locked.</Alert>)).toBe('<div class="alert alert-error" role="alert">The vault is locked.</div>');
    expect(renderToStaticMarkup(<Alert kind="ok">Saved.</Alert>)).toBe('<div class="alert alert-ok" role="status">Saved.</div>');
    expect(renderToStaticMarkup(<Alert kind="warn">Check.</Alert>)).toBe('<div class="alert alert-warn" role="status">Check.</div>');
    expect(renderToStaticMarkup(<Alert kind="info">Noted.</Alert>)).toBe('<div class="alert alert-info" role="status">Noted.</div>');
  });

  it('keeps a role the screen gives, or none, and adds layout classes after its own', () => {
    expect(renderToStaticMarkup(<Alert kind="error" role="status">Nothing printed.</Alert>)).toBe('<div class="alert alert-error" role="status">Nothing printed.</div>');
    expect(renderToStaticMarkup(<Alert kind="warn" className="home-backup-reminder" role="region" aria-labelledby="t">Backup due</Alert>)).toBe(
      '<div aria-labelledby="t" class="alert alert-warn home-backup-reminder" role="region">Backup due</div>',
    );
    expect(renderToStaticMarkup(<Alert as="li" kind="warn" role={null}>Plan warning</Alert>)).toBe('<li class="alert alert-warn">Plan warning</li>');
    expect(renderToStaticMarkup(<Alert as="p" kind="ok" id="r" tabIndex={-1}>Recorded.</Alert>)).toBe('<p id="r" tabindex="-1" class="alert alert-ok" role="status">Recorded.</p>');
  });

  it('is what a focused submit result is drawn with', () => {
    expect(renderToStaticMarkup(<FocusedStatus kind="ok" token={{}} className="stack">Saved.</FocusedStatus>)).toBe('<div tabindex="-1" class="alert alert-ok stack" role="status">Saved.</div>');
    expect(renderToStaticMarkup(<FocusedStatus kind="error" token={{}} role="alert">Refused.</FocusedStatus>)).toBe('<div tabindex="-1" class="alert alert-error" role="alert">Refused.</div>');
  });
});
