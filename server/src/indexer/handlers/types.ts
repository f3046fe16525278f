// A handler applies one decoded event to the batch's working set and records the history entries
// (activities) of the entities it touched. Handlers never read the chain: events carry what they need.
import type { ChainEventRecord, ContractName } from "../events.ts";
import type { DealType, WorkingSet } from "../model.ts";

export type Handler = (set: WorkingSet, event: ChainEventRecord) => void;

export type ContractHandlers = Record<string, Handler>;

export type HandlersByContract = Record<ContractName, ContractHandlers>;

/** IExchange's DealType (the same order as ExchangeTypes.sol). */
export const DEAL_TYPES: readonly DealType[] = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"];

export function str(value: unknown): string {
  return value as string;
}

export function num(value: unknown): number {
  return value as number;
}
