/**
 * A Swedish personnummer (or samordningsnummer) typed into free text: "19800101-1234", "800101-1234",
 * "198001011234", "8001011234". The guideline's Bilaga 4 must not hold one, so the server finds them and
 * asks the user to remove them. Written with a separator it is caught whatever its check digit (people mistype
 * them too); written as bare digits, only when the date is possible and the check digit (Luhn) holds, and
 * never a ten-digit number starting with 0 (a phone number such as 0701234567).
 */
const CANDIDATE = /(?<![\d-])((?:19|20)?\d{6})([-+ ]?)(\d{4})(?![\d-])/g;

export function containsPersonalIdentityNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const [, datePart = '', separator = '', lastFour = ''] = match;
    const date = datePart.slice(-6);
    if (!isPossibleDate(date)) continue;
    if (separator === '-' || separator === '+') return true;
    if (datePart.length === 6 && datePart.startsWith('0')) continue;
    if (luhnHolds(`${date}${lastFour}`)) return true;
  }
  return false;
}

/** YYMMDD with a real month and a day of 1–31 (samordningsnummer add 60 to the day). */
function isPossibleDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const rawDay = Number(yymmdd.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function luhnHolds(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let digit = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}
