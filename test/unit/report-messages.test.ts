/**
 * The reporting page says what the hub answers in both languages: every error code the
 * hub raises has words in Chinese and English, a rejection the page knows (a FINAL
 * correction without a reason, a jump to explain) is put as a sentence, and a code the
 * page does not know yet is shown as it is rather than dropped.
 */
import { ErrorCode } from '../../lib/errors';
import { CODE_WORDS, codeWords, failureWords, rejectionWords } from '../../report/messages';

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]{3,}/;

it('has words in both languages for every error code of the hub', () => {
  const missing = Object.values(ErrorCode).filter((code) => !(code in CODE_WORDS));
  expect(missing).toEqual([]);
  for (const [code, words] of Object.entries(CODE_WORDS)) {
    expect([code, HAN.test(words)]).toEqual([code, true]);
    expect([code, LATIN.test(words)]).toEqual([code, true]);
  }
});

it('puts the rejections a clerk can act on as sentences, keeping the hub’s message as the detail', () => {
  const reason = rejectionWords({ code: 'BAD_USER_INPUT', field: 'reason', message: 'correcting a FINAL figure needs a reason' });
  expect(reason).toContain('更正须填写原因');
  expect(reason).toContain('a correction needs a reason');
  expect(reason).toContain('(correcting a FINAL figure needs a reason)');
  expect(
    rejectionWords({ code: 'EXPLANATION_REQUIRED', field: 'explanation', message: 'IMPLAUSIBLE_JUMP: 1 against 1000' }),
  ).toContain('请说明或更正');
  expect(rejectionWords({ code: 'PERIOD_LOCKED', message: 'locked' })).toBe('该期已锁定 The period is locked (locked)');
  expect(codeWords('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  expect(failureWords([{ message: 'no', extensions: { code: 'FORBIDDEN' } }, { message: 'plain' }])).toBe(
    '无权进行此项操作 Not allowed for your account (no)；plain',
  );
});
