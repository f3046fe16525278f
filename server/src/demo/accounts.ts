// The demo's wallets: the development mnemonic's accounts, by persona. Their private keys are public
// knowledge (every Hardhat user has them); they exist to be imported into a browser wallet on the
// embedded chain and must never hold anything of value.
import { HDNodeWallet } from "ethers";
import { DEMO_MNEMONIC, organisations, roleAccounts } from "./data.ts";

export interface DemoAccount {
  persona: string;
  name: string;
  address: string;
  privateKey: string;
}

const derived = new Map<number, HDNodeWallet>();

export function demoWallet(index: number): HDNodeWallet {
  let wallet = derived.get(index);
  if (!wallet) {
    wallet = HDNodeWallet.fromPhrase(DEMO_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
    derived.set(index, wallet);
  }
  return wallet;
}

export function demoAccounts(): DemoAccount[] {
  const account = (persona: string, name: string, index: number): DemoAccount => {
    const wallet = demoWallet(index);
    return { persona, name, address: wallet.address, privateKey: wallet.privateKey };
  };
  return [
    account("Operator (admin)", "Ban vận hành TechEx", roleAccounts.admin),
    account("IP office", "Cục Sở hữu trí tuệ – Văn phòng Đông Nam Bộ", roleAccounts.ipOffice),
    account("Auditor", "Kiểm toán viên", roleAccounts.auditor),
    ...organisations.map((o) =>
      account(
        o.profile.kind === "company" ? "Buyer / seller (company)" : `Seller (${o.profile.kind})`,
        o.profile.nameVi,
        o.account,
      ),
    ),
  ];
}
