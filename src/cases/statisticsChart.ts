import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/paths';
import type { Count, Statistics } from './domain/statistics';

/**
 * The statistics chart as a PNG, rendered on the server: Apache ECharts draws an SVG (its server-side
 * renderer needs no DOM or canvas) and resvg (WebAssembly) rasterises it, so no native build and no browser.
 * Both are loaded on first use, so the bot starts (and everything but the chart works) without them.
 */
export interface ChartLabels {
  title: string;
  byMonth: string;
  byKind: string;
  byChannel: string;
  byParty: string;
  byBody: string;
}

/** A statistic's categories with the labels people read ("hot" → "Hot"). */
export interface ChartData {
  byMonth: Count[];
  byKind: Count[];
  byChannel: Count[];
  byParty: Count[];
  byBody: Count[];
}

export class ChartUnavailableError extends Error {
  constructor(cause: string) {
    super(`the chart renderer is not installed (${cause}); the statistics are shown as a table`);
    this.name = 'ChartUnavailableError';
  }
}

interface EChartsInstance {
  setOption(option: unknown): void;
  renderToSVGString(): string;
  dispose(): void;
}
interface EChartsModule {
  init(
    dom: null,
    theme: null,
    options: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): EChartsInstance;
}
interface ResvgModule {
  initWasm(module: Buffer): Promise<void>;
  Resvg: new (
    svg: string,
    options: { font: { fontBuffers: Uint8Array[]; defaultFontFamily: string }; background: string },
  ) => { render(): { asPng(): Uint8Array } };
}

// Fonts for the wasm rasteriser (it cannot read system fonts): a font shipped in assets/fonts, else Debian's.
const FONT_CANDIDATES = [
  path.join(projectRoot, 'assets', 'fonts', 'DejaVuSans.ttf'),
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];
const FONT_FAMILY: Record<string, string> = {
  DejaVuSans: 'DejaVu Sans',
  'LiberationSans-Regular': 'Liberation Sans',
};

// resvg's WebAssembly module is process-wide and may be initialised only once, whoever asks first.
let resvgReady: Promise<void> | undefined;
function initResvgOnce(resvg: ResvgModule): Promise<void> {
  resvgReady ??= resvg.initWasm(fs.readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return resvgReady;
}

const WIDTH = 960;
const HEIGHT = 900;
const COLOR = '#2b579a';

export class StatisticsChart {
  private renderer?: Promise<{ echarts: EChartsModule; resvg: ResvgModule; font: Buffer; family: string }>;

  /** Loads the renderer (once); fails with ChartUnavailableError when it cannot draw. */
  async ready(): Promise<void> {
    await (this.renderer ??= this.load());
  }

  async png(data: ChartData, labels: ChartLabels): Promise<Buffer> {
    const { echarts, resvg, font, family } = await (this.renderer ??= this.load());
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
    try {
      chart.setOption(chartOption(data, labels, family));
      const svg = chart.renderToSVGString();
      const png = new resvg.Resvg(svg, {
        font: { fontBuffers: [font], defaultFontFamily: family },
        background: 'white',
      })
        .render()
        .asPng();
      return Buffer.from(png);
    } finally {
      chart.dispose();
    }
  }

  private async load() {
    let echarts: EChartsModule;
    let resvg: ResvgModule;
    try {
      /* eslint-disable @typescript-eslint/no-require-imports -- optional, loaded on first use */
      echarts = require('echarts') as EChartsModule;
      resvg = require('@resvg/resvg-wasm') as ResvgModule;
      /* eslint-enable @typescript-eslint/no-require-imports */
    } catch (err) {
      this.renderer = undefined;
      throw new ChartUnavailableError((err as Error).message.split('\n')[0] ?? 'missing module');
    }
    await initResvgOnce(resvg);
    const fontPath = FONT_CANDIDATES.find((candidate) => fs.existsSync(candidate));
    if (!fontPath) throw new ChartUnavailableError('no font found for the chart text');
    return {
      echarts,
      resvg,
      font: fs.readFileSync(fontPath),
      family: FONT_FAMILY[path.basename(fontPath, '.ttf')] ?? 'DejaVu Sans',
    };
  }
}

/** Five bar charts on one image: month on top, kind and channel, then party and body. */
function chartOption(data: ChartData, labels: ChartLabels, family: string): unknown {
  const panels: Array<{ title: string; counts: Count[]; grid: Record<string, string> }> = [
    {
      title: labels.byMonth,
      counts: data.byMonth,
      grid: { left: '5%', right: '3%', top: '9%', height: '17%' },
    },
    {
      title: labels.byKind,
      counts: data.byKind,
      grid: { left: '5%', width: '42%', top: '37%', height: '17%' },
    },
    {
      title: labels.byChannel,
      counts: data.byChannel,
      grid: { left: '55%', width: '42%', top: '37%', height: '17%' },
    },
    {
      title: labels.byParty,
      counts: data.byParty,
      grid: { left: '5%', width: '42%', top: '69%', height: '17%' },
    },
    {
      title: labels.byBody,
      counts: data.byBody,
      grid: { left: '55%', width: '42%', top: '69%', height: '17%' },
    },
  ];
  const titleTop = ['4%', '32%', '32%', '64%', '64%'];
  return {
    animation: false,
    textStyle: { fontFamily: family },
    title: [
      { text: labels.title, left: 'center', top: 6, textStyle: { fontSize: 18, fontFamily: family } },
      ...panels.map((panel, i) => ({
        text: panel.title,
        left: panel.grid.left,
        top: titleTop[i],
        textStyle: { fontSize: 14, fontFamily: family },
      })),
    ],
    grid: panels.map((panel) => ({ ...panel.grid, containLabel: true })),
    xAxis: panels.map((panel, i) => ({
      type: 'category',
      gridIndex: i,
      data: panel.counts.map((count) => count.key),
      axisLabel: { interval: 0, rotate: i === 0 || panel.counts.length <= 2 ? 0 : 30, fontSize: 11 },
    })),
    yAxis: panels.map((_, i) => ({ type: 'value', gridIndex: i, minInterval: 1 })),
    series: panels.map((panel, i) => ({
      type: 'bar',
      xAxisIndex: i,
      yAxisIndex: i,
      data: panel.counts.map((count) => count.count),
      itemStyle: { color: COLOR },
      label: { show: true, position: 'top', fontSize: 11 },
    })),
  };
}

/** The statistics ready for the chart: codes turned into the titles people read. */
export function chartData(
  statistics: Statistics,
  title: (dimension: 'kind' | 'channel', code: string) => string,
): ChartData {
  return {
    byMonth: statistics.byMonth,
    byKind: statistics.byKind.map((count) => ({ key: title('kind', count.key), count: count.count })),
    byChannel: statistics.byChannel.map((count) => ({
      key: title('channel', count.key),
      count: count.count,
    })),
    byParty: statistics.byParty,
    byBody: statistics.byBody,
  };
}
