import type { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";

/** The platform's receiving account for one currency, as shown on the pay page and the pro-forma. */
export interface BankDetails {
  currencyCode: string;
  beneficiary: string;
  bankName: string;
  iban: string | null;
  accountNumber: string | null;
  swift: string;
  bankAddress: string;
}

/**
 * The platform's active account in `currencyCode`, or null. Reference data every buyer is shown (like a price list),
 * so it is read without an organization; writing it stays with the seed and the platform.
 */
export async function platformBankAccount(currencyCode: string, client: Prisma.TransactionClient | typeof unscopedDb = unscopedDb): Promise<BankDetails | null> {
  const row = await client.platformBankAccount.findFirst({ where: { currencyCode, active: true } });
  if (!row) return null;
  return { currencyCode: row.currencyCode.trim(), beneficiary: row.beneficiary, bankName: row.bankName, iban: row.iban, accountNumber: row.accountNumber, swift: row.swift, bankAddress: row.bankAddress };
}

/**
 * The demo's receiving accounts, one per currency buyers pay in; the demo seed calls this (idempotent: an existing
 * currency's row is updated). The beneficiary is the platform's export agency, the merchant of record.
 */
export async function seedPlatformBankAccounts(client: Prisma.TransactionClient | typeof unscopedDb = unscopedDb): Promise<number> {
  const beneficiary = "Ponte Export Agency (Zhuhai) Co., Ltd.";
  const accounts: Omit<BankDetails, "beneficiary">[] = [
    { currencyCode: "USD", bankName: "Bank of China, Zhuhai Branch", iban: null, accountNumber: "7451 2300 0000 1288", swift: "BKCHCNBJ45A", bankAddress: "41 Yingbin Avenue, Xiangzhou, Zhuhai, Guangdong, China" },
    { currencyCode: "CNY", bankName: "Bank of China, Zhuhai Branch", iban: null, accountNumber: "7451 2300 0000 1296", swift: "BKCHCNBJ45A", bankAddress: "41 Yingbin Avenue, Xiangzhou, Zhuhai, Guangdong, China" },
    { currencyCode: "EUR", bankName: "Banco Comercial Português", iban: "PT50 0033 0000 4553 8796 1290 5", accountNumber: null, swift: "BCOMPTPL", bankAddress: "Praça D. João I 28, 4000-295 Porto, Portugal" },
    { currencyCode: "BRL", bankName: "Banco do Brasil", iban: null, accountNumber: "Ag. 3064-5 · C/C 41877-3", swift: "BRASBRRJSPO", bankAddress: "Av. Paulista 1230, São Paulo - SP, 01310-100, Brasil" },
    { currencyCode: "MXN", bankName: "BBVA México", iban: null, accountNumber: "CLABE 012180001234567897", swift: "BCMRMXMM", bankAddress: "Av. Paseo de la Reforma 510, Juárez, 06600 Ciudad de México, México" },
    { currencyCode: "CLP", bankName: "Banco de Chile", iban: null, accountNumber: "00-801-23456-07", swift: "BCHICLRM", bankAddress: "Ahumada 251, Santiago, Chile" },
    { currencyCode: "COP", bankName: "Bancolombia", iban: null, accountNumber: "Ahorros 031-000123-45", swift: "COLOCOBM", bankAddress: "Carrera 48 26-85, Medellín, Colombia" },
    { currencyCode: "PEN", bankName: "Banco de Crédito del Perú", iban: null, accountNumber: "CCI 002-193-001234567890-12", swift: "BCPLPEPL", bankAddress: "Calle Centenario 156, La Molina, Lima, Perú" },
    { currencyCode: "AOA", bankName: "Banco BAI", iban: "AO06 0040 0000 1234 5678 1019 4", accountNumber: null, swift: "BAIPAOLU", bankAddress: "Av. Pedro de Castro Van-Dúnem Loy, Luanda, Angola" },
    { currencyCode: "MZN", bankName: "Millennium bim", iban: null, accountNumber: "NIB 0001 0000 0123 4567 8015 7", swift: "BIMOMZMX", bankAddress: "Av. 25 de Setembro 1800, Maputo, Moçambique" },
  ];
  for (const account of accounts) {
    const data = { ...account, beneficiary, active: true };
    await client.platformBankAccount.upsert({ where: { currencyCode: account.currencyCode }, create: data, update: data });
  }
  return accounts.length;
}
