import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { roles } from '../../../shared/domain/ids';
import { roleValueLabels } from '../../../shared/labels';
import { caseRoles } from '../../../shared/security/permissions';
import { RoleSelect } from './RoleSelect';

const control = { id: 'role', 'aria-invalid': false, 'aria-describedby': undefined, required: true };
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);

// The real component rendered by React: every role picker lists the contract's roles, in order, with one set of words.
describe('RoleSelect', () => {
  it("lists every vault role of the contract with the words the audit log uses", () => {
    const html = renderToStaticMarkup(<RoleSelect {...control} of="vault" value="analyst" onChange={() => undefined} />);
    expect(options(html)).toEqual(roles.map((r) => [r, roleValueLabels[r]]));
    expect(html).toMatch(/^<select id="role" aria-invalid="false" required="">/);
  });

  it('starts with an empty choice when given a placeholder', () => {
    const html = renderToStaticMarkup(<RoleSelect {...control} of="vault" placeholder="Choose…" value="" onChange={() => undefined} />);
    expect(options(html)).toEqual([['', 'Choose…'], ...roles.map((r) => [r, roleValueLabels[r]])]);
  });

  it("lists the case roles of the permission map for a case team", () => {
    const html = renderToStaticMarkup(<RoleSelect {...control} of="case" value="member" onChange={() => undefined} />);
    expect(options(html).map(([value]) => value)).toEqual([...caseRoles]);
    expect(options(html)).toContainEqual(['viewer', 'Viewer (read only)']);
  });
});
