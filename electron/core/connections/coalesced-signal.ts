/**
 * Fires at most once per interval however often it is asked: the first request fires at once, the
 * ones within the interval after it fire once at its end. Built for status events that each carry a
 * complete snapshot, where only the newest matters: publishing into the offline queue at 200 msg/s
 * asks 200 times a second and the renderer hears 10.
 */
export class CoalescedSignal {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFiredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly fire: () => void,
    private readonly intervalMs = 100,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = this.lastFiredAt + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.fire();
      this.fired();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
      this.fired();
    }, wait);
  }

  /** The same snapshot went out by another way (a status change is sent at once): a waiting one has nothing new. */
  fired(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFiredAt = performance.now();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
