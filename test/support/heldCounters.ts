import { Repository, type Versioned } from '../../src/core/storage';
import type { ReferenceCounter } from '../../src/report/referenceNumbers';

/** Counters whose first read waits for `open()`: holds a "Skicka" press between marking the draft and filing it. */
export class HeldCounters extends Repository<ReferenceCounter> {
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));

  open(): void {
    this.opened();
  }

  override async get(partition: string, row: string): Promise<Versioned<ReferenceCounter> | undefined> {
    await this.gate;
    return super.get(partition, row);
  }
}
