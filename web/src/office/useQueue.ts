// Search, one filter and paging over a queue the desk already holds: the chain gives the whole
// queue at once, so narrowing it happens here, and the page goes back to 1 when the question changes.
import { useMemo, useState } from "react";

export const QUEUE_PAGE_SIZE = 10;

/** Folds Vietnamese diacritics (and đ) and case, so "ban dan" finds "bán dẫn". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

export function useQueue<T>(items: T[], text: (item: T) => string, filterOf: (item: T) => string) {
  const [search, setSearchState] = useState("");
  const [filter, setFilterState] = useState("");
  const [page, setPage] = useState(1);
  const matching = useMemo(() => {
    const words = fold(search).split(/\s+/).filter(Boolean);
    return items.filter((item) => {
      if (filter && filterOf(item) !== filter) return false;
      const haystack = fold(text(item));
      return words.every((word) => haystack.includes(word));
    });
  }, [items, search, filter, text, filterOf]);
  const pages = Math.max(1, Math.ceil(matching.length / QUEUE_PAGE_SIZE));
  const current = Math.min(page, pages);
  return {
    search,
    setSearch: (value: string) => {
      setSearchState(value);
      setPage(1);
    },
    filter,
    setFilter: (value: string) => {
      setFilterState(value);
      setPage(1);
    },
    page: current,
    setPage,
    total: matching.length,
    visible: matching.slice((current - 1) * QUEUE_PAGE_SIZE, current * QUEUE_PAGE_SIZE),
  };
}
