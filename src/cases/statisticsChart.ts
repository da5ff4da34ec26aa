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

const COLOR = '#2b579a';

export class StatisticsChart {
  private renderer?: Promise<{ echarts: EChartsModule; resvg: ResvgModule; font: Buffer; family: string }>;

  /** Loads the renderer (once); fails with ChartUnavailableError when it cannot draw. */
  async ready(): Promise<void> {
    await (this.renderer ??= this.load());
  }

  async png(data: ChartData, labels: ChartLabels): Promise<Buffer> {
    const { echarts, resvg, font, family } = await (this.renderer ??= this.load());
    const chart = echarts.init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
    });
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

/**
 * Teams shows the image at the card's width: about 358 px on a phone. The chart is drawn 640 px wide, one
 * panel under the other, so its smallest text (22 px) is still about 12 px on a phone.
 */
export const CHART_WIDTH = 640;
export const CHART_MIN_FONT_PX = 22;
const PANEL_PX = 330;
const TITLE_PX = 70;
const CHART_HEIGHT = TITLE_PX + 5 * PANEL_PX + 20;

/** Five bar charts on one image, one under the other: month, kind, channel, party, body. */
export function chartOption(data: ChartData, labels: ChartLabels, family: string): unknown {
  const panels = [
    { title: labels.byMonth, counts: data.byMonth },
    { title: labels.byKind, counts: data.byKind },
    { title: labels.byChannel, counts: data.byChannel },
    { title: labels.byParty, counts: data.byParty },
    { title: labels.byBody, counts: data.byBody },
  ];
  const top = (i: number) => TITLE_PX + i * PANEL_PX;
  const font = { fontFamily: family, color: '#1f1f1f' };
  return {
    animation: false,
    textStyle: font,
    title: [
      { text: labels.title, left: 'center', top: 12, textStyle: { ...font, fontSize: 30 } },
      ...panels.map((panel, i) => ({
        text: panel.title,
        left: 16,
        top: top(i),
        textStyle: { ...font, fontSize: 26 },
      })),
    ],
    grid: panels.map((_, i) => ({
      left: 16,
      right: 16,
      top: top(i) + 50,
      height: PANEL_PX - 150,
      containLabel: true,
    })),
    xAxis: panels.map((panel, i) => ({
      type: 'category',
      gridIndex: i,
      data: panel.counts.map((count) => count.key),
      axisLabel: {
        interval: 0,
        rotate: panel.counts.length <= 3 ? 0 : 40,
        fontSize: CHART_MIN_FONT_PX,
        ...font,
      },
    })),
    yAxis: panels.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      minInterval: 1,
      axisLabel: { fontSize: CHART_MIN_FONT_PX, ...font },
    })),
    series: panels.map((panel, i) => ({
      type: 'bar',
      xAxisIndex: i,
      yAxisIndex: i,
      data: panel.counts.map((count) => count.count),
      itemStyle: { color: COLOR },
      label: { show: true, position: 'top', fontSize: CHART_MIN_FONT_PX, ...font },
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
