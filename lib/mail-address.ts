/**
 * E-mail addresses in the one form the mailer sends to. An address is kept only when
 * nodemailer's own parser (the one that reads `to` when mail is sent) reads it back as that
 * same single address: no group syntax (`team:a@b.test;`), no display name or encoded word,
 * no comment, no quoting, no list. What is stored and listed is then what is sent.
 */
import addressparser from 'nodemailer/lib/addressparser';

const PLAIN = /^[^\s@<>,;:()"[\]\\]{1,64}@[^\s@<>,;:()"[\]\\]{1,190}\.[^\s@<>,;:()"[\]\\]+$/;

/** The canonical (trimmed, lower-case) address, or why `entry` is not one plain address. */
export function canonicalAddress(entry: string): { address: string } | { problem: string } {
  const address = entry.trim().toLowerCase();
  const read = addressparser(address);
  const one = read.length === 1 && !('group' in read[0] && read[0].group) ? read[0] : undefined;
  if (one && one.name === '' && one.address === address && PLAIN.test(address)) return { address };
  const mailerReads = read
    .flatMap((item) => ('group' in item && item.group ? item.group : [item]))
    .map((item) => item.address)
    .filter(Boolean);
  const quoted = `"${entry.slice(0, 80)}"`;
  return {
    problem:
      mailerReads.length > 1 || (mailerReads.length === 1 && mailerReads[0] !== address)
        ? `${quoted} is not a plain e-mail address (mail would go to ${mailerReads.join(', ').slice(0, 120)}): give the address alone`
        : `${quoted} is not an e-mail address`,
  };
}
