// Filters and facet counts over the assets a query matched. Each facet is counted with every other
// filter applied but not its own, so its choices say how many results choosing each would give.
import { dealTypes, type DealType, type IndexedAsset } from "./index.ts";

export interface SearchFilters {
  field?: string;
  kind?: string;
  status?: string;
  province?: string;
  trl?: string;
  dealType?: DealType;
  minPrice?: bigint;
  maxPrice?: bigint;
  listedOnly: boolean;
}

type FacetName = "field" | "kind" | "status" | "province" | "trl" | "dealType";
const facetNames: readonly FacetName[] = ["field", "kind", "status", "province", "trl", "dealType"];

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  field: FacetCount[];
  kind: FacetCount[];
  status: FacetCount[];
  province: FacetCount[];
  trl: FacetCount[];
  dealType: FacetCount[];
  /** the lowest and highest asking price among the results (of the chosen deal type, else any) */
  price: { min: string; max: string } | null;
}

function valuesOf(asset: IndexedAsset, facet: FacetName): (string | null)[] {
  switch (facet) {
    case "field":
      return [asset.texts.field || null];
    case "kind":
      return [asset.row.kind];
    case "status":
      return [asset.row.status];
    case "province":
      return [asset.row.province];
    case "trl":
      return [asset.trlBand];
    case "dealType":
      return dealTypes.filter((_, i) => asset.prices[i] !== null);
  }
}

/** The prices the price filter and sort look at: the chosen deal type's, or every offered one. */
export function pricesOf(asset: IndexedAsset, dealType: DealType | undefined): bigint[] {
  if (dealType) {
    const price = asset.prices[dealTypes.indexOf(dealType)];
    return price === null ? [] : [price];
  }
  return asset.prices.filter((price): price is bigint => price !== null);
}

function passes(asset: IndexedAsset, filters: SearchFilters, except?: FacetName): boolean {
  for (const facet of facetNames) {
    if (facet === except) continue;
    const wanted = filters[facet];
    if (wanted !== undefined && !valuesOf(asset, facet).includes(wanted)) return false;
  }
  if (filters.listedOnly && asset.row.listing === null) return false;
  if (filters.minPrice !== undefined || filters.maxPrice !== undefined) {
    const dealType = except === "dealType" ? undefined : filters.dealType;
    const inRange = pricesOf(asset, dealType).some(
      (price) =>
        (filters.minPrice === undefined || price >= filters.minPrice) &&
        (filters.maxPrice === undefined || price <= filters.maxPrice),
    );
    if (!inRange) return false;
  }
  return true;
}

/** The matched assets that pass the filters, and the facets' counts. */
export function filterAndCount<T extends { asset: IndexedAsset }>(
  matches: T[],
  filters: SearchFilters,
): { results: T[]; facets: Facets } {
  const counts = new Map<FacetName, Map<string, number>>(facetNames.map((f) => [f, new Map()]));
  const results: T[] = [];
  let min: bigint | undefined;
  let max: bigint | undefined;
  // with no filter every match passes everywhere (the common case: skip the checks)
  const filtered =
    filters.listedOnly ||
    filters.minPrice !== undefined ||
    filters.maxPrice !== undefined ||
    facetNames.some((facet) => filters[facet] !== undefined);
  for (const match of matches) {
    const { asset } = match;
    for (const facet of facetNames) {
      if (filtered && !passes(asset, filters, facet)) continue;
      const values = counts.get(facet)!;
      for (const value of valuesOf(asset, facet))
        if (value !== null) values.set(value, (values.get(value) ?? 0) + 1);
    }
    if (!filtered || passes(asset, filters)) {
      results.push(match);
      for (const price of pricesOf(asset, filters.dealType)) {
        if (min === undefined || price < min) min = price;
        if (max === undefined || price > max) max = price;
      }
    }
  }
  const sorted = (facet: FacetName) =>
    [...counts.get(facet)!.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return {
    results,
    facets: {
      field: sorted("field"),
      kind: sorted("kind"),
      status: sorted("status"),
      province: sorted("province"),
      trl: sorted("trl"),
      dealType: sorted("dealType"),
      price: min === undefined ? null : { min: min.toString(), max: max!.toString() },
    },
  };
}
