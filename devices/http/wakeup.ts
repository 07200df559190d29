/**
 * Lets an event stream sleep until something changes or its keep-alive is due. `wake()`
 * before anyone waits is not lost: the next `wait` returns at once.
 */
export class Wakeup {
  private resolve: ((woke: boolean) => void) | null = null
  private pending = false

  wake(): void {
    if (this.resolve) {
      const resolve = this.resolve
      this.resolve = null
      resolve(true)
    } else {
      this.pending = true
    }
  }

  /** True when woken, false when `timeout_ms` passed first. */
  wait(timeout_ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resolve = null
        resolve(false)
      }, timeout_ms)
      this.resolve = (woke) => {
        clearTimeout(timer)
        resolve(woke)
      }
    })
  }
}
