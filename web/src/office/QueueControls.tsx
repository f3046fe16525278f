// The search box and filter above a queue, and its pager below: labelled, and live as one types.
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { Pager } from "../shared/Pager.tsx";
import { QUEUE_PAGE_SIZE, type useQueue } from "./useQueue.ts";

type Queue = ReturnType<typeof useQueue<unknown>>;

export function QueueControls({
  id,
  title,
  queue,
  filterLabel,
  options,
}: {
  id: string;
  /** the queue's heading: each queue's search landmark has a name of its own */
  title: string;
  queue: Pick<Queue, "search" | "setSearch" | "filter" | "setFilter" | "total">;
  filterLabel: string;
  options: [string, string][];
}) {
  const { t } = useI18n();
  return (
    <div className="queue-controls" role="search" aria-label={`${t("office.searchQueue")}: ${title}`}>
      <label htmlFor={`${id}-search`}>
        {t("office.search")}
        <input
          id={`${id}-search`}
          type="search"
          value={queue.search}
          onChange={(event) => queue.setSearch(event.currentTarget.value)}
          placeholder={t("office.searchPlaceholder")}
        />
      </label>
      <label htmlFor={`${id}-filter`}>
        {filterLabel}
        <select
          id={`${id}-filter`}
          value={queue.filter}
          onChange={(event) => queue.setFilter(event.currentTarget.value)}
        >
          <option value="">{t("filter.any")}</option>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted" role="status">
        {t("home.count", { count: queue.total })}
      </p>
    </div>
  );
}

export function QueuePager({
  queue,
  label,
  children,
}: {
  queue: Pick<Queue, "page" | "setPage" | "total">;
  label: string;
  children?: ReactNode;
}) {
  return (
    <>
      {children}
      <Pager
        page={queue.page}
        total={queue.total}
        limit={QUEUE_PAGE_SIZE}
        onPage={queue.setPage}
        label={label}
      />
    </>
  );
}
