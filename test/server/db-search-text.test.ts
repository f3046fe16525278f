import { expect } from "chai";
import { foldSearchText, searchColumns } from "../../server/src/db/search-text.ts";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";

describe("foldSearchText", function () {
  it("removes Vietnamese diacritics, including đ, and lower-cases", () => {
    expect(foldSearchText("Công nghệ SINH HỌC Đồng Nai")).to.equal("cong nghe sinh hoc dong nai");
    expect(foldSearchText("Thiết bị lọc nước ưu việt")).to.equal("thiet bi loc nuoc uu viet");
  });

  it("treats precomposed and decomposed input alike", () => {
    expect(foldSearchText("Nghệ".normalize("NFC"))).to.equal(foldSearchText("Nghệ".normalize("NFD")));
  });
});

for (const kind of databaseKinds) {
  describe(`asset search columns (${kind})`, function () {
    const db = useTestDatabase(kind);

    it("find an asset by its title typed with or without diacritics", async () => {
      await db.prisma.asset.create({
        data: {
          tokenId: "1",
          kind: "PATENT",
          registrationNumberHash: `0x${"1".repeat(64)}`,
          contentHash: `0x${"2".repeat(64)}`,
          owner: `0x${"3".repeat(40)}`,
          registrant: `0x${"3".repeat(40)}`,
          registeredAt: new Date(),
          registeredBlock: 1n,
          title: "Quy trình sản xuất phân bón hữu cơ",
          titleEn: "Organic fertiliser production process",
          ...searchColumns(["Quy trình sản xuất phân bón hữu cơ", "Organic fertiliser production process"]),
        },
      });
      for (const query of ["phân bón hữu cơ", "phan bon huu co", "FERTILISER"]) {
        const found = await db.prisma.asset.findMany({
          where: { searchTextFolded: { contains: foldSearchText(query) } },
        });
        expect(found, query).to.have.length(1);
      }
    });
  });
}
