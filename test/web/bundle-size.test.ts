import { expect } from "chai";
import { formatReport, INITIAL_BUDGET_BYTES, measureBundle } from "./bundle-size.ts";
import { buildWebApp, distDir } from "./helpers/webapp.ts";

describe("Web app bundle", function () {
  this.timeout(120_000);

  before(() => buildWebApp());

  it("downloads at most 250 KB gzipped before the first route renders; ethers and persona areas load on demand", function () {
    const report = measureBundle(distDir);
    console.log(formatReport(report));
    expect(report.initial.some((f) => f.file.endsWith(".js"))).to.equal(true);
    expect(report.initialGzip).to.be.at.most(INITIAL_BUDGET_BYTES);
    expect(report.onDemandGzip).to.be.greaterThan(0);
  });
});
