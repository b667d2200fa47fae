/**
 * The order of sibling levels in the tree: by character, except that runs of digits compare by
 * value, so "room2" comes before "room10" as a person expects. Names that compare equal that way
 * ("01" and "1") fall back to plain order, so the order is total and a binary search can rely on it.
 */
export function compareTopicLevels(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const runA = digitRun(a, i);
      const runB = digitRun(b, j);
      const order = compareDigitRuns(a, i, runA, b, j, runB);
      if (order !== 0) return order;
      i = runA;
      j = runB;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digitRun(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** By value without parsing, so runs longer than a double holds still compare right. */
function compareDigitRuns(a: string, startA: number, endA: number, b: string, startB: number, endB: number): number {
  while (startA < endA - 1 && a.charCodeAt(startA) === 48) startA++;
  while (startB < endB - 1 && b.charCodeAt(startB) === 48) startB++;
  const lengths = endA - startA - (endB - startB);
  if (lengths !== 0) return lengths;
  for (; startA < endA; startA++, startB++) {
    const order = a.charCodeAt(startA) - b.charCodeAt(startB);
    if (order !== 0) return order;
  }
  return 0;
}
