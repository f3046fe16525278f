// The shell: landmarks, navigation, language and wallet, and the routes. Persona areas load on
// demand so the first download holds only what every visitor needs.
import { lazy, Suspense } from "react";
import { WalletProvider } from "../chain/wallet.tsx";
import { I18nProvider, useI18n } from "../i18n/i18n.tsx";
import { Home } from "../public/Home.tsx";
import { AssetPage } from "../public/AssetPage.tsx";
import { ListingPage } from "../public/ListingPage.tsx";
import { OrganisationPage } from "../public/OrganisationPage.tsx";
import { OrganisationsPage } from "../public/OrganisationsPage.tsx";
import { TxAnnouncer } from "../shared/announcer.tsx";
import { LiveProvider, useLive } from "../shared/live.tsx";
import { Loading } from "../shared/ui.tsx";
import { Link, match, useLocation } from "./router.tsx";
import { WalletPanel } from "./WalletPanel.tsx";

const SellerArea = lazy(() => import("../seller/SellerArea.tsx"));
const BuyerArea = lazy(() => import("../buyer/BuyerArea.tsx"));
const OfficeArea = lazy(() => import("../office/OfficeArea.tsx"));
const AuditorArea = lazy(() => import("../auditor/AuditorArea.tsx"));
const ConsentPage = lazy(() => import("../seller/ConsentPage.tsx"));

export function App() {
  return (
    <I18nProvider>
      <WalletProvider>
        <LiveProvider>
          <Shell />
        </LiveProvider>
      </WalletProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t, language, setLanguage } = useI18n();
  const { path } = useLocation();
  const { connected } = useLive();
  const nav: [string, string][] = [
    ["/", t("nav.home")],
    ["/seller", t("nav.seller")],
    ["/buyer", t("nav.buyer")],
    ["/office", t("nav.office")],
    ["/audit", t("nav.auditor")],
    ["/organisations", t("nav.organisations")],
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              TX
            </span>
            <span>
              <strong>TechEx</strong>
              <span className="brand-sub">{t("app.tagline")}</span>
            </span>
          </Link>
          <button
            type="button"
            className="button-quiet"
            onClick={() => setLanguage(language === "vi" ? "en" : "vi")}
          >
            {/* the visible word begins the accessible name, so speech users can say what they see */}
            <span lang={language === "vi" ? "en" : "vi"}>{t("lang.other")}</span>
            <span className="visually-hidden"> — {t("lang.switchLabel")}</span>
          </button>
        </div>
        <nav aria-label={t("nav.label")}>
          <ul className="nav-list">
            {nav.map(([href, label]) => {
              const current = href === "/" ? path === "/" : path.startsWith(href);
              return (
                <li key={href}>
                  <Link href={href} aria-current={current ? "page" : undefined}>
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <WalletPanel />
      </header>
      <main id="main" tabIndex={-1}>
        <TxAnnouncer />
        <Suspense fallback={<Loading />}>
          <Routes path={path} />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t("footer.about")}</p>
        <p className="muted">{connected ? t("live.on") : t("live.off")}</p>
      </footer>
    </>
  );
}

function Routes({ path }: { path: string }) {
  const { t } = useI18n();
  if (path === "/") return <Home />;
  let params = match("/listings/:id", path);
  if (params) return <ListingPage id={params.id} />;
  params = match("/assets/:id", path);
  if (params) return <AssetPage id={params.id} />;
  if (path === "/organisations") return <OrganisationsPage />;
  params = match("/organisations/:address", path);
  if (params) return <OrganisationPage address={params.address} />;
  if (path.startsWith("/seller")) return <SellerArea />;
  if (path.startsWith("/buyer")) return <BuyerArea />;
  if (path.startsWith("/office")) return <OfficeArea />;
  if (path.startsWith("/audit")) return <AuditorArea />;
  if (path === "/consent") return <ConsentPage />;
  return (
    <section>
      <h1>{t("error.pageNotFound")}</h1>
      <Link href="/">{t("nav.home")}</Link>
    </section>
  );
}
