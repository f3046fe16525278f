// Previous / next and where one is, for any paged list: by links when the page is in the URL
// (`href`), by buttons when it is only on screen (`onPage`).
import { Link } from "../app/router.tsx";
import { useI18n } from "../i18n/i18n.tsx";

export function Pager({
  page,
  total,
  limit,
  href,
  onPage,
  label,
}: {
  page: number;
  total: number;
  limit: number;
  href?: (page: number) => string;
  onPage?: (page: number) => void;
  label?: string;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  const step = (target: number, text: string) =>
    href ? (
      <Link href={href(target)}>{text}</Link>
    ) : (
      <button type="button" className="button-quiet" onClick={() => onPage?.(target)}>
        {text}
      </button>
    );
  return (
    <nav className="pager" aria-label={label ?? t("pager.label")}>
      {page > 1 ? step(page - 1, t("pager.previous")) : null}
      <span>{t("pager.position", { page, pages })}</span>
      {page < pages ? step(page + 1, t("pager.next")) : null}
    </nav>
  );
}
