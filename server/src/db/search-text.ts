// The two search columns of `assets`: `search_text` keeps the words as written (lower-cased) and
// `search_text_folded` drops Vietnamese diacritics, so "cong nghe sinh hoc" and "Công nghệ sinh học"
// find each other. Queries must fold the user's input with the same function.

/** Lower-cases and removes diacritics (including đ → d), collapsing runs of white space. */
export function foldSearchText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The values of both search columns for the given texts (title, abstract, field… in any language). */
export function searchColumns(texts: readonly (string | null | undefined)[]): {
  searchText: string;
  searchTextFolded: string;
} {
  const searchText = texts
    .filter((text): text is string => Boolean(text))
    .join(" ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  return { searchText, searchTextFolded: foldSearchText(searchText) };
}
