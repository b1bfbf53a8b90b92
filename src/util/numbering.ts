/** Numbers each distinct value once, in order of first sight; `values[n]` is the value numbered n. */
export class Numbering<T> {
  private readonly numbers = new Map<T, number>();
  readonly values: T[] = [];

  of(value: T): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numbers.set(value, number);
      this.values.push(value);
    }
    return number;
  }
}
