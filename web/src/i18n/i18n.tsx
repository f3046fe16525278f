// The user's language: Vietnamese by default, English on request, remembered in localStorage.
// Messages take {name} placeholders; every key exists in both dictionaries (see en.ts).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en } from "./en.ts";
import { vi, type MessageKey } from "./vi.ts";

export type Language = "vi" | "en";
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number | bigint>) => string;

const dictionaries = { vi, en } as const;

export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number | bigint>,
): string {
  const template: string = dictionaries[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Whether `key` is a message (for keys built from data, such as event names). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem("techex.language") === "en" ? "en" : "vi";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, "app.title");
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem("techex.language", next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      locale: language === "vi" ? "vi-VN" : "en-GB",
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
