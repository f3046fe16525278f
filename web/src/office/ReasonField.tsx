// The reason for an act: recorded (as its hash) with the decision, so a missing one is a form error
// beside the field — nothing is sent, and no "transaction failed" is shown.
import { useI18n } from "../i18n/i18n.tsx";

export function ReasonField({
  id,
  value,
  onChange,
  missing,
  optional = false,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  missing: boolean;
  optional?: boolean;
}) {
  const { t } = useI18n();
  return (
    <label htmlFor={id}>
      {optional ? t("office.reasonOptional") : t("common.reason")}
      <input
        id={id}
        name="reason"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        autoComplete="off"
      />
      {missing ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t("office.reasonMissing")}
        </span>
      ) : null}
    </label>
  );
}
