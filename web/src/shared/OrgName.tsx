// A member as people know it: the organisation's name, linked to its page, with its wallet address
// one click away and copyable. Each address is asked of the API once per visit, however many rows
// show it; an address that is no member (the IP office, an auditor) shows as the address itself.
import { useEffect, useState } from "react";
import { api, type Organisation } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { shortAddress } from "./format.ts";
import { CopyButton } from "./ui.tsx";

const known = new Map<string, Promise<Organisation | null>>();

export function organisationOf(address: string): Promise<Organisation | null> {
  const key = address.toLowerCase();
  let found = known.get(key);
  if (!found) {
    found = api.organisation(key).then(
      (organisation) => organisation,
      () => null,
    );
    known.set(key, found);
  }
  return found;
}

export function organisationName(organisation: Organisation | null, language: string): string | null {
  if (!organisation) return null;
  return language === "en"
    ? (organisation.nameEn ?? organisation.nameVi)
    : (organisation.nameVi ?? organisation.nameEn);
}

/** The organisation's name in the user's language once known (null until then, or for a non-member). */
export function useOrganisationName(address: string | null | undefined): string | null {
  const { language } = useI18n();
  const [organisation, setOrganisation] = useState<Organisation | null>(null);
  useEffect(() => {
    setOrganisation(null);
    if (!address) return;
    let current = true;
    void organisationOf(address).then((found) => current && setOrganisation(found));
    return () => {
      current = false;
    };
  }, [address]);
  return organisationName(organisation, language);
}

/**
 * `full` prints the whole address under the name (certificates: paper cannot be clicked);
 * `plain` leaves out the link (inside another link or a heading).
 */
export function OrgName({
  address,
  full = false,
  plain = false,
}: {
  address: string | null | undefined;
  full?: boolean;
  plain?: boolean;
}) {
  const { t } = useI18n();
  const name = useOrganisationName(address);
  const [open, setOpen] = useState(false);
  if (!address) return <>—</>;
  const label = name ?? shortAddress(address);
  return (
    <span className="org-name" data-address={address.toLowerCase()}>
      {plain || !name ? (
        <span className="org-label">{label}</span>
      ) : (
        <Link href={`/organisations/${address.toLowerCase()}`}>{label}</Link>
      )}
      {full ? (
        <code className="address break org-full">{address}</code>
      ) : (
        <>
          {" "}
          <button
            type="button"
            className="button-quiet address-toggle"
            aria-expanded={open}
            title={t("org.showAddress")}
            onClick={() => setOpen(!open)}
          >
            {name ? shortAddress(address) : t("org.addressShort")}
          </button>
          {open ? (
            <span className="org-address">
              <code className="address break">{address}</code> <CopyButton text={address} />
            </span>
          ) : null}
        </>
      )}
    </span>
  );
}
