// The report as standalone HTML: the same sections and numbers as the PDF, well-formed markup
// (parsed as XML by xmldom after the doctype), no scripts or outside resources, the diagram as
// inline SVG, the print CSS's paper size, and a user's markup in a name printed as text.

import { REPORT_SECTIONS } from "@ampflux/contracts";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { formatCalories } from "../src/layout/numbers.ts";
import { renderReportHtml } from "../src/report/html.ts";
import { plantModel } from "./report-model.ts";

const model = plantModel();
const html = renderReportHtml(model);

function parse(markup: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => level !== "warning" && errors.push(message),
  }).parseFromString(
    markup
      .replace("<!DOCTYPE html>", "")
      .replaceAll("<br>", "<br/>")
      .replace(/<meta ([^>]*[^/])>/g, "<meta $1/>"),
    "text/xml",
  );
  return { doc, errors };
}

describe("renderReportHtml", () => {
  it("has the PDF's sections in the same order, each with its id", () => {
    const ids = REPORT_SECTIONS.map((s) => s.id).filter((id) => id !== "branch_results");
    const positions = ids.map((id) => html.indexOf(`<section id="${id}"`));
    expect(
      positions.every((p) => p >= 0),
      ids.join(", "),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("is well-formed, self-contained and prints on the paper asked for", () => {
    const { doc, errors } = parse(html);
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagName("script").length).toBe(0);
    expect(html).not.toMatch(/(src|href)="http/);
    expect(html).toContain("@page { size: A4 portrait");
    expect(renderReportHtml(model, { paper: "Letter" })).toContain("@page { size: letter portrait");
  });

  it("shows the engine's numbers and the approval block", () => {
    const swbd = model.bus_results.find((r) => r.bus === "swbd");
    expect(html).toContain(
      `<td>swbd</td><td>Switchgear 480 V</td><td class="num">0.480</td><td class="num">${swbd?.ikss_ka?.toFixed(2)}</td>`,
    );
    expect(html).toContain(
      `<td class="num">${model.duty?.[0]?.percent?.toFixed(1)} %</td><td>overdutied</td>`,
    );
    const mcc = model.arc_flash?.results.find((r) => r.bus === "mcc");
    expect(html).toContain(`<td class="num">${formatCalories(mcc?.energy_cal_cm2 ?? Number.NaN)}</td>`);
    expect(html).toContain(
      "<td>prepared</td><td>Ada Lovelace</td><td>ada@example.com</td><td>2026-12-02 09:40 UTC</td>",
    );
    expect(html).toContain("<td>approved</td><td>pending</td><td></td><td>pending</td>");
    expect(html).toContain("Plant A · Arc-flash plant v7 · report sha256:3f2a9c1b7e");
  });

  it("draws the diagram as inline SVG, one circle per bus in its key colour, and every label", () => {
    const { doc } = parse(html);
    const svg = doc.getElementsByTagName("svg")[0];
    const circles = svg ? Array.from(svg.getElementsByTagName("circle")) : [];
    expect(circles.map((c) => c.getAttribute("fill"))).toEqual(model.diagram.buses.map((b) => b.colour));
    expect(circles.length).toBe(6);
    expect(doc.getElementsByTagName("svg").length).toBe(1 + (model.arc_flash?.labels.length ?? 0));
  });

  it("prints markup in a user's text as text", () => {
    const marked = renderReportHtml({
      ...model,
      cover: { ...model.cover, project: '<img src=x onerror="alert(1)">' },
    });
    expect(marked).not.toContain("<img");
    expect(marked).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
