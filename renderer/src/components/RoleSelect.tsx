import { roles, type Role } from '../../../shared/domain/ids';
import { caseRoles, type CaseRole } from '../../../shared/security/permissions';
import { caseRoleLabels, roleLabels } from '../labels';

/** What a Field hands its control (Field.tsx). */
interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  required: boolean;
}

type RoleSelectProps = ControlProps &
  (
    | { of: 'vault'; value: Role; onChange: (role: Role) => void; placeholder?: undefined }
    | { of: 'vault'; value: Role | ''; onChange: (role: Role | '') => void; placeholder: string }
    | { of: 'case'; value: CaseRole; onChange: (role: CaseRole) => void; placeholder?: undefined }
  );

/** Each list in its contract order with its words: a vault user's roles and a team member's case roles. */
const choices = {
  vault: roles.map((r) => [r, roleLabels[r]] as const),
  case: caseRoles.map((r) => [r, caseRoleLabels[r]] as const),
};

/**
 * The one role picker: a vault role (adding a user, the first user, changing a role)
 * or a case role (adding to a case team), listed from the contract's roles with the
 * words of labels.ts. With a placeholder it starts with an empty choice.
 */
export function RoleSelect({ of, value, onChange, placeholder, ...control }: RoleSelectProps) {
  // The options are exactly the list of `of`, so the chosen value is one of its roles (or '' for the placeholder).
  const choose = onChange as (role: string) => void;
  return (
    <select {...control} value={value} onChange={(e) => choose(e.target.value)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {choices[of].map(([role, label]) => (
        <option key={role} value={role}>
          {label}
        </option>
      ))}
    </select>
  );
}
