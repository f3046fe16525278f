// An asset's title from the index when it has one; its short id until then (or if the API is down).
import { api } from "../api/client.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { shortId } from "./format.ts";
import { useAsync } from "./useAsync.ts";

export function AssetName({ id }: { id: string }) {
  const { t, language } = useI18n();
  const asset = useAsync(() => api.asset(id), [id]);
  const fallback = t("asset.label", { id: shortId(id) });
  if (asset.state !== "ok") return <>{fallback}</>;
  const { title, titleEn } = asset.data;
  return <>{(language === "en" ? (titleEn ?? title) : (title ?? titleEn)) ?? fallback}</>;
}
