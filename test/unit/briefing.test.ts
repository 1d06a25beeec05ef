/**
 * The briefing's pure parts: its axes read from a request (defaults stated, a vintage in
 * the future refused), the document id they hash to, the stamp that makes Chromium's PDF
 * the same bytes for the same axes (dates, id, cross-reference table), the explanation a
 * target shows, and the page's escaping of what reporters wrote.
 */
import { briefingAxes, documentId } from '../../gateway/briefing';
import type { BriefingData, FigureNote } from '../../gateway/briefing-data';
import { sparkline } from '../../gateway/briefing-format';
import { pdfDate, pdfText, stampPdf } from '../../gateway/briefing-pdf';
import { latestExplanation, renderBriefing } from '../../gateway/briefing-render';

const NOW = new Date('2026-04-02T03:04:05.678Z');

describe('the axes', () => {
  it('default to today (UTC), now to the second and the configured figure rule', () => {
    expect(briefingAxes(new URLSearchParams(), 'ALL', NOW)).toEqual({
      asOf: '2026-04-02',
      recordedAsOf: '2026-04-02T03:04:05Z',
      figures: 'ALL',
    });
    expect(briefingAxes(new URLSearchParams(), 'ACCEPTED', NOW).figures).toBe('ACCEPTED');
    expect(
      briefingAxes(
        new URLSearchParams({ asOf: '2025-12-31', recordedAsOf: '2026-01-20T17:00:00+08:00', figures: 'accepted' }),
        'ALL',
        NOW,
      ),
    ).toEqual({ asOf: '2025-12-31', recordedAsOf: '2026-01-20T09:00:00Z', figures: 'ACCEPTED' });
  });

  it('refuses a bad day, a vintage in the future and an unknown figure rule', () => {
    const code = (params: Record<string, string>) => {
      try {
        briefingAxes(new URLSearchParams(params), 'ALL', NOW);
        return 'accepted';
      } catch (error) {
        return (error as { extensions: { code: string; field?: string } }).extensions;
      }
    };
    expect(code({ asOf: '2025-02-30' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(code({ recordedAsOf: '2026-04-02T03:04:06Z' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordedAsOf' });
    expect(code({ recordedAsOf: '2026-04-02T03:04:05Z' })).toBe('accepted');
    expect(code({ figures: 'SOME' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'figures' });
  });

  it('hash to a document id of 32 hex digits, one per reference date, vintage and figure rule', () => {
    const axes = { asOf: '2025-12-31', recordedAsOf: '2026-01-20T09:00:00Z', figures: 'ALL' as const };
    expect(documentId(axes)).toMatch(/^[0-9a-f]{32}$/);
    expect(documentId({ ...axes })).toBe(documentId(axes));
    const others = [{ asOf: '2026-01-01' }, { recordedAsOf: '2026-01-20T09:00:01Z' }, { figures: 'ACCEPTED' as const }];
    for (const other of others) expect(documentId({ ...axes, ...other })).not.toBe(documentId(axes));
  });
});

/** A small PDF as Chromium lays its file out: objects, a classic cross-reference table, a trailer without /ID. */
function samplePdf(): Buffer {
  const objects = [
    "<</Title <FEFF0042> /Creator (Chromium)\n/Producer (Skia/PDF m143)\n/CreationDate (D:20261204220224+00'00')\n/ModDate (D:20261204220224+00'00')>>",
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [] /Count 0>>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

/** Every object the cross-reference table points at starts there, and startxref points at the table. */
function consistent(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const xref = Number(/startxref\s+(\d+)/.exec(text)![1]);
  if (!text.startsWith('xref', xref)) return false;
  const entries = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)];
  return entries.length > 0 && entries.every((entry, i) => text.startsWith(`${i + 1} 0 obj`, Number(entry[1])));
}

describe('the stamp', () => {
  const stamp = {
    documentId: 'ab'.repeat(16),
    date: '2026-04-01T00:00:00Z',
    subject: '截至 as of 2026-03-31',
    keywords: 'asOf=2026-03-31',
  };

  it('writes the vintage as both dates, the axes as subject and keywords, the id into the trailer', () => {
    const stamped = stampPdf(samplePdf(), stamp);
    const text = stamped.toString('latin1');
    expect(consistent(samplePdf())).toBe(true);
    expect(consistent(stamped)).toBe(true);
    expect(text).toContain("/CreationDate (D:20260401000000+00'00')");
    expect(text).toContain("/ModDate (D:20260401000000+00'00')");
    expect(text).not.toContain('D:20261204');
    expect(text).toContain(`/Subject ${pdfText(stamp.subject)}`);
    expect(text).toContain('/Title <FEFF0042>');
    expect(text).toContain('/Producer (Skia/PDF m143)');
    expect(text).toContain(`/ID [<${stamp.documentId}> <${stamp.documentId}>]`);
  });

  it('gives the same bytes for the same stamp, whatever time Chromium wrote, and stamped again', () => {
    const later = Buffer.from(samplePdf().toString('latin1').replaceAll('D:20261204220224', 'D:20270101093000'), 'latin1');
    const once = stampPdf(samplePdf(), stamp);
    expect(stampPdf(later, stamp).equals(once)).toBe(true);
    expect(stampPdf(once, stamp).equals(once)).toBe(true);
    expect(stampPdf(once, { ...stamp, documentId: 'cd'.repeat(16) }).equals(once)).toBe(false);
  });

  it('refuses what it cannot stamp safely', () => {
    expect(() => stampPdf(samplePdf(), { ...stamp, documentId: 'xyz' })).toThrow('32 hex digits');
    expect(() => stampPdf(Buffer.from('%PDF-1.7\n'), stamp)).toThrow('startxref');
  });

  it('writes PDF dates in UTC and text as UTF-16', () => {
    expect(pdfDate('2026-01-20T17:00:00+08:00')).toBe("D:20260120090000+00'00'");
    expect(pdfText('截至')).toBe('<FEFF622A81F3>');
  });
});

describe('the page', () => {
  const note = (period: string, periodEnd: string, explanation: string | null, note: string | null): FigureNote => ({
    period,
    periodEnd,
    breakdown: '',
    explanation,
    note,
    recordedAt: `${periodEnd}T08:00:00Z`,
    organization: { id: 'court' },
  });

  it("shows a target's latest explanation of a period ended by the reference date, else its latest note", () => {
    const figures = [
      note('2025Q1', '2025-03-31', 'older', null),
      note('2025Q2', '2025-06-30', null, 'a note'),
      note('2025Q3', '2025-09-30', 'too late', null),
    ];
    expect(latestExplanation(figures, '2025-07-31')).toEqual({ kind: 'explanation', figure: figures[0] });
    expect(latestExplanation(figures, '2025-12-31')?.figure).toBe(figures[2]);
    expect(latestExplanation(figures.slice(1, 2), '2025-12-31')).toEqual({ kind: 'note', figure: figures[1] });
    expect(latestExplanation(figures, '2025-01-31')).toBeNull();
  });

  it('draws a chart without script or style attribute, the same for the same values', () => {
    const chart = sparkline([1, 3, 2], 2.5, 'x');
    expect(chart).toBe(sparkline([1, 3, 2], 2.5, 'x'));
    expect(chart).not.toMatch(/style=|<script/);
    expect(chart).toContain('stroke-dasharray');
  });

  it('escapes what reporters wrote, and states the axes on the page', () => {
    const counts = { total: 0, achieved: 0, onTrack: 0, atRisk: 0, offTrack: 0, incomplete: 0, noData: 0, noBaseline: 0 };
    const kpi = {
      window: '2025',
      windowEnd: '2025-12-31',
      windowComplete: true,
      actual: 1,
      comparator: 'AT_LEAST' as const,
      targetValue: 2,
      effectiveTarget: 2,
      gap: -1,
      progress: 50,
      projected: 1,
      projectionMethod: 'actual',
      status: 'OFF_TRACK' as const,
      reason: 'missed',
      demo: false,
      coverage: 1,
      missingPeriods: [],
      periods: ['2025'],
    };
    const data: BriefingData = {
      plan: { title: '方案', titleEn: 'Plan', documentNumber: '武政办〔2024〕89号', issuer: '武汉市人民政府办公厅' },
      organizations: [{ id: 'court', name: '市法院', nameEn: 'Court' }],
      scoreboard: {
        asOf: '2025-12-31',
        recordedAsOf: null,
        figureRule: 'ALL',
        headline: counts,
        targets: counts,
        headlineGoals: [],
      },
      attention: [
        {
          ...kpi,
          indicator: {
            id: 'x',
            name: '指标',
            nameEn: 'X',
            unit: '件',
            headline: false,
            owners: [{ id: 'court' }],
            tasks: [{ id: 'T01', content: '任务' }],
            figures: [note('2025', '2025-12-31', '<script>alert(1)</script>', null)],
          },
        },
      ],
      completeness: [],
      overdueTasks: [],
      indicators: [],
    };
    const html = renderBriefing(data, {
      asOf: '2025-12-31',
      recordedAsOf: '2026-01-20T09:00:00Z',
      figureRule: 'ALL',
      documentId: 'ab'.repeat(16),
      stylesheet: '/dashboard/briefing.css',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-as-of="2025-12-31" data-recorded-as-of="2026-01-20T09:00:00Z" data-figure-rule="ALL"');
    expect(html).toContain('市法院');
    expect(html).toContain('T01');
  });
});
