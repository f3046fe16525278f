// The demo exchange `npm start` seeds on a new embedded chain: ten fictional member organisations of
// the Southeast region and forty technologies across its priority fields, each with a story that
// leaves it in one state of the exchange (pending verification, refused, listed, offered on,
// licensed, assigned, suspended…), so that every screen of every persona has something to show.
// Names, numbers and people are invented. Everything here is static: the documents whose hashes
// go on-chain (profiles, metadata, agreement texts) are rebuilt from it byte for byte.

/** Hardhat's well-known development accounts (mnemonic "test test … junk"); local use only. */
export const DEMO_MNEMONIC = "test test test test test test test test test test test junk";

export type OrganisationKey =
  | "nano"
  | "bachkhoa"
  | "sinhhoc"
  | "tayninh"
  | "bien"
  | "vimach"
  | "saomai"
  | "longthanh"
  | "xanh"
  | "matroi";

export interface DemoOrganisation {
  key: OrganisationKey;
  /** Index of its account in the development mnemonic. */
  account: number;
  profile: {
    nameVi: string;
    nameEn: string;
    kind: "institute" | "university" | "company";
    province: string;
    contactEmail: string;
    contactPhone: string;
    website: string;
  };
}

const organisation = (
  key: OrganisationKey,
  account: number,
  nameVi: string,
  nameEn: string,
  kind: DemoOrganisation["profile"]["kind"],
  province: string,
  domain: string,
  phone: string,
): DemoOrganisation => ({
  key,
  account,
  profile: {
    nameVi,
    nameEn,
    kind,
    province,
    contactEmail: `chuyengiao@${domain}`,
    contactPhone: phone,
    website: `https://${domain}`,
  },
});

export const organisations: DemoOrganisation[] = [
  organisation(
    "nano",
    4,
    "Viện Công nghệ Nano Đông Nam Bộ",
    "Southeast Institute of Nanotechnology",
    "institute",
    "TP. Hồ Chí Minh",
    "nano-dnb.example.vn",
    "+84 28 3812 4501",
  ),
  organisation(
    "bachkhoa",
    5,
    "Trường Đại học Bách khoa Phương Nam",
    "Southern Polytechnic University",
    "university",
    "TP. Hồ Chí Minh",
    "bkpn.example.edu.vn",
    "+84 28 3864 7720",
  ),
  organisation(
    "sinhhoc",
    6,
    "Viện Công nghệ Sinh học Nhiệt đới Đồng Nai",
    "Dong Nai Institute of Tropical Biotechnology",
    "institute",
    "Đồng Nai",
    "sinhhoc-dongnai.example.vn",
    "+84 251 382 6613",
  ),
  organisation(
    "tayninh",
    7,
    "Trường Đại học Khoa học Ứng dụng Tây Ninh",
    "Tay Ninh University of Applied Sciences",
    "university",
    "Tây Ninh",
    "khud-tayninh.example.edu.vn",
    "+84 276 362 2480",
  ),
  organisation(
    "bien",
    8,
    "Viện Năng lượng và Môi trường Biển Vũng Tàu",
    "Vung Tau Institute of Marine Energy and Environment",
    "institute",
    "TP. Hồ Chí Minh",
    "nangluongbien.example.vn",
    "+84 254 385 9034",
  ),
  organisation(
    "vimach",
    9,
    "Trung tâm Nghiên cứu Vi mạch Sài Gòn",
    "Saigon Microchip Research Centre",
    "institute",
    "TP. Hồ Chí Minh",
    "vimach-saigon.example.vn",
    "+84 28 3715 2268",
  ),
  organisation(
    "saomai",
    10,
    "Công ty Cổ phần Công nghệ Số Sao Mai",
    "Sao Mai Digital Technology JSC",
    "company",
    "TP. Hồ Chí Minh",
    "saomai-tech.example.vn",
    "+84 28 7300 1188",
  ),
  organisation(
    "longthanh",
    11,
    "Công ty TNHH Hệ thống Bay Long Thành",
    "Long Thanh Aerial Systems Co., Ltd.",
    "company",
    "Đồng Nai",
    "longthanh-uav.example.vn",
    "+84 251 368 4455",
  ),
  organisation(
    "xanh",
    12,
    "Công ty Cổ phần Nông nghiệp Công nghệ cao Xanh",
    "Xanh High-Tech Agriculture JSC",
    "company",
    "Tây Ninh",
    "nongnghiepxanh.example.vn",
    "+84 276 388 0912",
  ),
  organisation(
    "matroi",
    13,
    "Công ty Cổ phần Năng lượng Mặt Trời Phương Nam",
    "Southern Solar Energy JSC",
    "company",
    "Đồng Nai",
    "matroi-phuongnam.example.vn",
    "+84 251 399 2277",
  ),
];

/** Accounts of the development mnemonic with a role on the demo exchange, as deployed. */
export const roleAccounts = {
  admin: 0,
  ipOffice: 1,
  pauser: 2,
  treasury: 3,
  auditor: 14,
} as const;

/** AssetKind in contracts/types/AssetTypes.sol. */
export const Kind = {
  Patent: 0,
  UtilitySolution: 1,
  IndustrialDesign: 2,
  LayoutDesign: 3,
  Software: 4,
  KnowHow: 5,
  PlantVariety: 6,
} as const;

/**
 * What happens to an asset after it is registered. Listed stories list every deal type with
 * the asking prices of `price`; offers name their buyer and deal.
 */
export type Story =
  | "pending" // awaits the IP office's verification
  | "rejected" // the IP office refused to verify it
  | "verified" // verified, not listed
  | "suspended" // verified, then suspended by the IP office
  | "revoked" // verified, then revoked
  | "protection-expired" // verified; its protection has since ended
  | "listed" // listed, no offers yet
  | "listing-paused" // listed, then paused by the seller
  | "listing-closed" // listed, then closed by the seller
  | "offers-open" // listed, with open offers (escrowed) awaiting the seller
  | "offer-expired" // an offer whose expiry passed, its escrow still reclaimable
  | "offer-reclaimed" // an expired offer whose escrow the buyer took back
  | "offer-withdrawn" // the buyer withdrew the offer
  | "offer-rejected" // the seller rejected the offer
  | "licensed" // non-exclusive licence(s), settled on acceptance
  | "licence-expired" // a non-exclusive licence whose term has ended
  | "licence-revoked" // a licence the IP office revoked
  | "exclusive-awaiting" // exclusive licence accepted, awaiting the IP office's registration
  | "exclusive-registered" // exclusive licence registered and issued
  | "assignment-awaiting" // assignment accepted, awaiting registration
  | "assignment-registered" // assignment registered: the asset now belongs to the buyer
  | "assignment-refused" // the IP office refused to register the assignment
  | "assignment-reclaimed"; // the IP office did not act in time; the buyer reclaimed the escrow

export interface DemoAsset {
  owner: OrganisationKey;
  coOwners?: OrganisationKey[];
  kind: number;
  registrationNumber: string;
  field: string;
  title: string;
  titleEn: string;
  abstract: string;
  abstractEn: string;
  trl: number;
  story: Story;
  /** Buyers of the offers the story makes, in order. */
  buyers?: OrganisationKey[];
  /** Asking price of an assignment in VND; licences ask a fraction of it. */
  price: bigint;
  fieldOfUse: string;
}

const AI = "Trí tuệ nhân tạo";
const CHIPS = "Bán dẫn";
const BIO = "Công nghệ sinh học";
const MATERIALS = "Vật liệu mới";
const UAV = "UAV và hệ thống tự hành";
const IOT = "Internet vạn vật (IoT)";
const ENERGY = "Năng lượng sạch";
const CHAIN = "Chuỗi khối (blockchain)";

const B = 1_000_000_000n; // one billion VND

export const assets: DemoAsset[] = [
  // Trí tuệ nhân tạo
  {
    owner: "bachkhoa",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2024-01187",
    field: AI,
    title: "Hệ thống nhận dạng tiếng nói tiếng Việt đa phương ngữ",
    titleEn: "Multi-dialect Vietnamese speech recognition system",
    abstract:
      "Mô hình nhận dạng tiếng nói đầu cuối huấn luyện trên 12.000 giờ dữ liệu ba miền, độ lỗi từ 6,8% với giọng Nam Bộ, chạy được trên máy chủ không có GPU.",
    abstractEn:
      "End-to-end speech recognition trained on 12,000 hours from all three regions; 6.8% word error rate on Southern accents, runs on CPU-only servers.",
    trl: 7,
    story: "licensed",
    buyers: ["saomai", "xanh"],
    price: 6n * B,
    fieldOfUse: "tổng đài chăm sóc khách hàng",
  },
  {
    owner: "bachkhoa",
    kind: Kind.Patent,
    registrationNumber: "1-0039214",
    field: AI,
    title: "Phương pháp phát hiện bệnh đạo ôn trên lá lúa bằng học sâu",
    titleEn: "Deep-learning detection of rice blast on leaf images",
    abstract:
      "Phương pháp phân loại ảnh lá lúa chụp bằng điện thoại, phát hiện bệnh đạo ôn ở giai đoạn sớm với độ chính xác 94%, kèm khuyến cáo liều phun.",
    abstractEn:
      "Classifies rice-leaf photos taken with a phone, detecting blast at an early stage with 94% accuracy and recommending a spray dose.",
    trl: 6,
    story: "exclusive-registered",
    buyers: ["xanh"],
    price: 4n * B,
    fieldOfUse: "canh tác lúa",
  },
  {
    owner: "vimach",
    kind: Kind.Patent,
    registrationNumber: "1-0041876",
    field: AI,
    title: "Bộ tăng tốc suy luận mạng nơ-ron công suất thấp cho thiết bị biên",
    titleEn: "Low-power neural-network inference accelerator for edge devices",
    abstract:
      "Kiến trúc mảng nhân tích lũy 8 bit với bộ nhớ đệm phân tầng, đạt 2,1 TOPS/W trên công nghệ 28 nm.",
    abstractEn: "An 8-bit multiply-accumulate array with tiered buffers reaching 2.1 TOPS/W at 28 nm.",
    trl: 5,
    story: "offers-open",
    buyers: ["saomai", "longthanh"],
    price: 9n * B,
    fieldOfUse: "camera giám sát thông minh",
  },
  {
    owner: "saomai",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2025-00342",
    field: AI,
    title: "Nền tảng trích xuất thông tin từ hồ sơ hành chính tiếng Việt",
    titleEn: "Information extraction from Vietnamese administrative records",
    abstract:
      "Nhận dạng chữ và trích xuất trường thông tin từ giấy tờ hành chính scan, tích hợp với hệ thống một cửa điện tử.",
    abstractEn:
      "OCR and field extraction from scanned administrative papers, integrated with one-stop e-government portals.",
    trl: 8,
    story: "listed",
    price: 3n * B,
    fieldOfUse: "dịch vụ công trực tuyến",
  },
  {
    owner: "tayninh",
    kind: Kind.KnowHow,
    registrationNumber: "BQ-2025-0107",
    field: AI,
    title: "Quy trình gán nhãn dữ liệu y tế bảo đảm quyền riêng tư",
    titleEn: "Privacy-preserving medical data labelling procedure",
    abstract:
      "Quy trình ẩn danh hóa và gán nhãn ảnh X-quang theo Nghị định 13/2023/NĐ-CP, có kiểm soát chất lượng hai lớp.",
    abstractEn:
      "Anonymising and labelling X-ray images under Decree 13/2023, with two-stage quality control.",
    trl: 6,
    story: "pending",
    price: 1n * B,
    fieldOfUse: "bệnh viện tuyến tỉnh",
  },
  // Bán dẫn
  {
    owner: "vimach",
    coOwners: ["bachkhoa"],
    kind: Kind.LayoutDesign,
    registrationNumber: "TKBT-2024-0012",
    field: CHIPS,
    title: "Thiết kế bố trí mạch tích hợp vi điều khiển RISC-V 32 bit",
    titleEn: "Layout design of a 32-bit RISC-V microcontroller",
    abstract:
      "Thiết kế bố trí vi điều khiển RISC-V 32 bit với 256 KB SRAM, bộ chuyển đổi tương tự số và giao tiếp CAN, chế tạo trên công nghệ 40 nm.",
    abstractEn: "A 32-bit RISC-V microcontroller layout with 256 KB SRAM, ADC and CAN, taped out at 40 nm.",
    trl: 7,
    story: "assignment-registered",
    buyers: ["saomai"],
    price: 12n * B,
    fieldOfUse: "điện tử ô tô",
  },
  {
    owner: "vimach",
    kind: Kind.Patent,
    registrationNumber: "1-0040533",
    field: CHIPS,
    title: "Cấu trúc transistor màng mỏng oxit kẽm pha tạp nhôm",
    titleEn: "Aluminium-doped zinc oxide thin-film transistor structure",
    abstract:
      "Transistor màng mỏng AZO chế tạo ở nhiệt độ dưới 200 °C, độ linh động 18 cm²/Vs, dùng cho màn hình dẻo.",
    abstractEn:
      "An AZO thin-film transistor made below 200 °C with 18 cm²/Vs mobility, for flexible displays.",
    trl: 4,
    story: "assignment-awaiting",
    buyers: ["matroi"],
    price: 7n * B,
    fieldOfUse: "màn hình dẻo",
  },
  {
    owner: "nano",
    kind: Kind.Patent,
    registrationNumber: "1-0038127",
    field: CHIPS,
    title: "Phương pháp đóng gói chip cấp wafer giảm cong vênh",
    titleEn: "Wafer-level chip packaging with reduced warpage",
    abstract:
      "Lớp đệm polyme có hệ số giãn nở nhiệt điều chỉnh được, giảm 60% cong vênh wafer 300 mm khi đóng gói.",
    abstractEn:
      "A polymer interlayer with tunable thermal expansion cuts 300 mm wafer warpage by 60% in packaging.",
    trl: 5,
    story: "offer-rejected",
    buyers: ["longthanh"],
    price: 8n * B,
    fieldOfUse: "đóng gói vi mạch",
  },
  {
    owner: "bachkhoa",
    kind: Kind.UtilitySolution,
    registrationNumber: "2-0002871",
    field: CHIPS,
    title: "Mạch cảm biến nhiệt độ tích hợp trên chip hiệu chuẩn một điểm",
    titleEn: "On-chip temperature sensor with single-point calibration",
    abstract: "Cảm biến nhiệt độ CMOS sai số ±0,5 °C trong dải −40 đến 125 °C chỉ với một điểm hiệu chuẩn.",
    abstractEn:
      "A CMOS temperature sensor accurate to ±0.5 °C from −40 to 125 °C with one calibration point.",
    trl: 6,
    story: "listed",
    price: 2n * B,
    fieldOfUse: "vi mạch quản lý nguồn",
  },
  {
    owner: "vimach",
    kind: Kind.LayoutDesign,
    registrationNumber: "TKBT-2025-0031",
    field: CHIPS,
    title: "Thiết kế bố trí mạch chuyển đổi tương tự – số 12 bit",
    titleEn: "Layout design of a 12-bit analog-to-digital converter",
    abstract: "Bộ chuyển đổi SAR 12 bit, 10 MS/s, diện tích 0,08 mm² trên công nghệ 65 nm.",
    abstractEn: "A 12-bit 10 MS/s SAR converter occupying 0.08 mm² at 65 nm.",
    trl: 5,
    story: "rejected",
    price: 3n * B,
    fieldOfUse: "thiết bị đo lường",
  },
  // Công nghệ sinh học
  {
    owner: "sinhhoc",
    kind: Kind.Patent,
    registrationNumber: "1-0037745",
    field: BIO,
    title: "Chủng vi khuẩn Bacillus đối kháng nấm gây thối rễ hồ tiêu",
    titleEn: "Bacillus strain antagonistic to pepper root-rot fungi",
    abstract:
      "Chủng Bacillus velezensis DN-17 ức chế Phytophthora và Fusarium, giảm 70% tỷ lệ cây chết trong thử nghiệm đồng ruộng.",
    abstractEn:
      "Bacillus velezensis DN-17 suppresses Phytophthora and Fusarium, cutting plant losses by 70% in field trials.",
    trl: 7,
    story: "licensed",
    buyers: ["xanh"],
    price: 5n * B,
    fieldOfUse: "chế phẩm sinh học cho cây hồ tiêu",
  },
  {
    owner: "sinhhoc",
    coOwners: ["tayninh"],
    kind: Kind.Patent,
    registrationNumber: "1-0042210",
    field: BIO,
    title: "Vắc-xin tái tổ hợp phòng bệnh dịch tả lợn châu Phi",
    titleEn: "Recombinant African swine fever vaccine",
    abstract:
      "Vắc-xin nhược độc xóa gen I177L, bảo hộ 100% lợn thí nghiệm sau một liều, không phát hiện virus thải ra môi trường.",
    abstractEn:
      "A live-attenuated I177L-deleted vaccine protecting all test pigs after one dose, with no shedding detected.",
    trl: 6,
    story: "exclusive-awaiting",
    buyers: ["xanh"],
    price: 15n * B,
    fieldOfUse: "thú y",
  },
  {
    owner: "sinhhoc",
    kind: Kind.PlantVariety,
    registrationNumber: "GCT-2024-0089",
    field: BIO,
    title: "Giống lúa chịu mặn ĐN-26",
    titleEn: "Salt-tolerant rice variety DN-26",
    abstract: "Giống lúa ngắn ngày chịu mặn 4‰, năng suất 6,5 tấn/ha vụ đông xuân, hạt dài, cơm mềm.",
    abstractEn:
      "A short-duration rice tolerating 4‰ salinity, 6.5 t/ha in the winter-spring crop, long soft grain.",
    trl: 8,
    story: "offer-withdrawn",
    buyers: ["xanh"],
    price: 4n * B,
    fieldOfUse: "sản xuất lúa giống",
  },
  {
    owner: "tayninh",
    kind: Kind.Patent,
    registrationNumber: "1-0039988",
    field: BIO,
    title: "Chế phẩm enzyme chuyển hóa bã mía thành thức ăn chăn nuôi",
    titleEn: "Enzyme preparation turning sugarcane bagasse into animal feed",
    abstract: "Tổ hợp cellulase và xylanase từ nấm Trichoderma tăng độ tiêu hóa của bã mía lên 45%.",
    abstractEn: "A Trichoderma cellulase-xylanase blend raising bagasse digestibility by 45%.",
    trl: 6,
    story: "assignment-refused",
    buyers: ["xanh"],
    price: 5n * B,
    fieldOfUse: "thức ăn chăn nuôi",
  },
  {
    owner: "sinhhoc",
    kind: Kind.KnowHow,
    registrationNumber: "BQ-2024-0044",
    field: BIO,
    title: "Quy trình nhân giống in vitro cây sâm Ngọc Linh",
    titleEn: "In-vitro propagation of Ngoc Linh ginseng",
    abstract: "Quy trình nuôi cấy mô sẹo và tái sinh chồi cho tỷ lệ cây con sống 85% khi ra vườn ươm.",
    abstractEn: "Callus culture and shoot regeneration giving 85% survival of plantlets in the nursery.",
    trl: 7,
    story: "licence-revoked",
    buyers: ["xanh"],
    price: 3n * B,
    fieldOfUse: "dược liệu",
  },
  // Vật liệu mới
  {
    owner: "nano",
    kind: Kind.Patent,
    registrationNumber: "1-0040017",
    field: MATERIALS,
    title: "Vật liệu graphene biến tính hấp phụ kim loại nặng trong nước thải",
    titleEn: "Modified graphene adsorbent for heavy metals in wastewater",
    abstract: "Graphene oxit gắn nhóm thiol hấp phụ chì và cadimi đến 420 mg/g, tái sinh được 10 chu kỳ.",
    abstractEn:
      "Thiol-functionalised graphene oxide adsorbing up to 420 mg/g of lead and cadmium, reusable for ten cycles.",
    trl: 5,
    story: "offers-open",
    buyers: ["matroi"],
    price: 6n * B,
    fieldOfUse: "xử lý nước thải công nghiệp",
  },
  {
    owner: "nano",
    kind: Kind.Patent,
    registrationNumber: "1-0036652",
    field: MATERIALS,
    title: "Bê tông geopolymer từ tro bay nhiệt điện",
    titleEn: "Geopolymer concrete from power-plant fly ash",
    abstract: "Bê tông không xi măng dùng 80% tro bay, cường độ nén 45 MPa, giảm 70% phát thải CO₂.",
    abstractEn: "Cement-free concrete using 80% fly ash, 45 MPa compressive strength, 70% less CO₂.",
    trl: 7,
    story: "assignment-reclaimed",
    buyers: ["matroi"],
    price: 10n * B,
    fieldOfUse: "vật liệu xây dựng",
  },
  {
    owner: "bien",
    kind: Kind.UtilitySolution,
    registrationNumber: "2-0003015",
    field: MATERIALS,
    title: "Lớp phủ nano chống ăn mòn cho kết cấu thép ven biển",
    titleEn: "Nano-coating against corrosion of coastal steel structures",
    abstract: "Lớp phủ epoxy chứa nano SiO₂ và chất ức chế ăn mòn, bền 2.000 giờ phun muối.",
    abstractEn:
      "An epoxy coating with nano-SiO₂ and corrosion inhibitors that withstands 2,000 hours of salt spray.",
    trl: 8,
    story: "licensed",
    buyers: ["longthanh"],
    price: 3n * B,
    fieldOfUse: "kết cấu thép",
  },
  {
    owner: "nano",
    kind: Kind.IndustrialDesign,
    registrationNumber: "3-0021458",
    field: MATERIALS,
    title: "Kiểu dáng tấm ốp nhôm composite tản nhiệt",
    titleEn: "Design of a heat-dissipating aluminium composite panel",
    abstract: "Kiểu dáng tấm ốp có rãnh dẫn khí dạng vảy cá, giảm 4 °C nhiệt độ mặt tường phía tây.",
    abstractEn: "A cladding panel with fish-scale air channels lowering west-wall temperature by 4 °C.",
    trl: 9,
    story: "verified",
    price: 1n * B,
    fieldOfUse: "xây dựng",
  },
  {
    owner: "tayninh",
    kind: Kind.Patent,
    registrationNumber: "1-0028740",
    field: MATERIALS,
    title: "Sợi gia cường từ xơ dừa xử lý kiềm cho vật liệu composite",
    titleEn: "Alkali-treated coconut-fibre reinforcement for composites",
    abstract: "Xơ dừa xử lý kiềm và silan tăng 35% độ bền kéo của composite nền polypropylene.",
    abstractEn:
      "Alkali- and silane-treated coir raising the tensile strength of polypropylene composites by 35%.",
    trl: 6,
    story: "protection-expired",
    price: 1n * B,
    fieldOfUse: "nội thất ô tô",
  },
  // UAV và hệ thống tự hành
  {
    owner: "longthanh",
    kind: Kind.Patent,
    registrationNumber: "1-0041102",
    field: UAV,
    title: "Thiết bị bay không người lái phun thuốc bảo vệ thực vật tự động",
    titleEn: "Autonomous crop-spraying drone",
    abstract: "UAV phun thuốc theo bản đồ mật độ sâu bệnh, tiết kiệm 30% hóa chất, bay theo địa hình.",
    abstractEn: "A drone spraying by pest-density map and following terrain, using 30% less chemicals.",
    trl: 8,
    story: "listing-paused",
    price: 5n * B,
    fieldOfUse: "nông nghiệp",
  },
  {
    owner: "bachkhoa",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2024-00913",
    field: UAV,
    title: "Thuật toán định vị UAV không cần GNSS dựa trên thị giác",
    titleEn: "Vision-based GNSS-free UAV navigation",
    abstract: "Định vị bằng đối sánh ảnh với bản đồ vệ tinh, sai số dưới 3 m khi mất tín hiệu GNSS.",
    abstractEn: "Positioning by matching images to satellite maps, under 3 m error without GNSS.",
    trl: 6,
    story: "exclusive-registered",
    buyers: ["longthanh"],
    price: 8n * B,
    fieldOfUse: "UAV dân dụng",
  },
  {
    owner: "longthanh",
    kind: Kind.IndustrialDesign,
    registrationNumber: "3-0022301",
    field: UAV,
    title: "Kiểu dáng khung UAV gập cánh",
    titleEn: "Folding-arm UAV frame design",
    abstract: "Khung sợi carbon sáu cánh gập gọn vào hộp 60 cm, lắp ráp không cần dụng cụ.",
    abstractEn: "A six-arm carbon frame folding into a 60 cm case, assembled without tools.",
    trl: 9,
    story: "verified",
    price: 1n * B,
    fieldOfUse: "UAV dân dụng",
  },
  {
    owner: "bachkhoa",
    kind: Kind.Patent,
    registrationNumber: "1-0038855",
    field: UAV,
    title: "Hệ thống tránh va chạm cho xe tự hành trong nhà xưởng",
    titleEn: "Collision avoidance for autonomous factory vehicles",
    abstract: "Kết hợp lidar 2D và camera chiều sâu, dừng an toàn trong 0,3 giây với vật cản bất ngờ.",
    abstractEn: "Fusing 2D lidar and depth cameras to stop safely within 0.3 s for sudden obstacles.",
    trl: 7,
    story: "offer-expired",
    buyers: ["saomai"],
    price: 4n * B,
    fieldOfUse: "kho vận",
  },
  {
    owner: "vimach",
    kind: Kind.UtilitySolution,
    registrationNumber: "2-0002990",
    field: UAV,
    title: "Bộ điều khiển bay dự phòng kép cho UAV",
    titleEn: "Dual-redundant UAV flight controller",
    abstract: "Hai bộ xử lý độc lập giám sát chéo, chuyển quyền điều khiển trong 5 ms khi một bộ lỗi.",
    abstractEn: "Two cross-checking processors that hand over control within 5 ms when one fails.",
    trl: 6,
    story: "suspended",
    price: 3n * B,
    fieldOfUse: "UAV công nghiệp",
  },
  // Internet vạn vật
  {
    owner: "saomai",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2024-01502",
    field: IOT,
    title: "Nền tảng giám sát chất lượng nước nuôi tôm thời gian thực",
    titleEn: "Real-time water-quality monitoring for shrimp farms",
    abstract: "Cảm biến pH, oxy hòa tan và độ mặn gửi dữ liệu mỗi phút, cảnh báo qua Zalo khi vượt ngưỡng.",
    abstractEn:
      "pH, dissolved-oxygen and salinity sensors reporting every minute, with Zalo alerts on thresholds.",
    trl: 9,
    story: "licensed",
    buyers: ["xanh", "matroi"],
    price: 2n * B,
    fieldOfUse: "nuôi trồng thủy sản",
  },
  {
    owner: "bachkhoa",
    kind: Kind.UtilitySolution,
    registrationNumber: "2-0002655",
    field: IOT,
    title: "Nút cảm biến LoRa tự cấp năng lượng",
    titleEn: "Energy-harvesting LoRa sensor node",
    abstract: "Nút cảm biến dùng pin mặt trời 2 W và siêu tụ, hoạt động liên tục không cần thay pin.",
    abstractEn: "A sensor node on a 2 W solar cell and supercapacitor that runs without battery changes.",
    trl: 7,
    story: "licence-expired",
    buyers: ["saomai"],
    price: 2n * B,
    fieldOfUse: "nông nghiệp thông minh",
  },
  {
    owner: "tayninh",
    kind: Kind.Patent,
    registrationNumber: "1-0039401",
    field: IOT,
    title: "Hệ thống tưới nhỏ giọt thông minh theo độ ẩm đất",
    titleEn: "Smart drip irrigation driven by soil moisture",
    abstract: "Điều khiển van tưới theo độ ẩm đất và dự báo mưa, tiết kiệm 40% nước cho cây mía.",
    abstractEn: "Valves driven by soil moisture and rain forecasts, saving 40% of water on sugarcane.",
    trl: 7,
    story: "offer-reclaimed",
    buyers: ["xanh"],
    price: 2n * B,
    fieldOfUse: "tưới tiêu",
  },
  {
    owner: "saomai",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2025-00788",
    field: IOT,
    title: "Cổng IoT bảo mật cho công tơ điện thông minh",
    titleEn: "Secure IoT gateway for smart electricity meters",
    abstract: "Cổng kết nối mã hóa đầu cuối, cập nhật phần mềm từ xa có ký số, hỗ trợ 2.000 công tơ.",
    abstractEn: "An end-to-end encrypted gateway with signed remote updates, serving 2,000 meters.",
    trl: 7,
    story: "pending",
    price: 2n * B,
    fieldOfUse: "điện lực",
  },
  {
    owner: "vimach",
    kind: Kind.Patent,
    registrationNumber: "1-0040796",
    field: IOT,
    title: "Ăng-ten vi dải băng kép cho thiết bị IoT",
    titleEn: "Dual-band microstrip antenna for IoT devices",
    abstract: "Ăng-ten 868 MHz/2,4 GHz kích thước 30×12 mm, hiệu suất bức xạ trên 70%.",
    abstractEn: "An 868 MHz/2.4 GHz antenna measuring 30×12 mm with over 70% radiation efficiency.",
    trl: 6,
    story: "listed",
    price: 1n * B,
    fieldOfUse: "thiết bị đeo",
  },
  // Năng lượng sạch
  {
    owner: "bien",
    kind: Kind.Patent,
    registrationNumber: "1-0037190",
    field: ENERGY,
    title: "Tua-bin gió trục đứng cho vùng gió thấp ven biển",
    titleEn: "Vertical-axis wind turbine for low-wind coastal sites",
    abstract: "Cánh dạng xoắn Gorlov cải tiến khởi động ở gió 2,5 m/s, công suất 5 kW, chịu bão cấp 12.",
    abstractEn: "Improved helical Gorlov blades starting at 2.5 m/s wind, 5 kW, rated for typhoon force 12.",
    trl: 7,
    story: "assignment-registered",
    buyers: ["matroi"],
    price: 11n * B,
    fieldOfUse: "điện gió",
  },
  {
    owner: "bien",
    kind: Kind.Patent,
    registrationNumber: "1-0041655",
    field: ENERGY,
    title: "Hệ thống lưu trữ năng lượng bằng pin natri-ion",
    titleEn: "Sodium-ion battery energy storage system",
    abstract: "Pin natri-ion điện cực than cứng từ vỏ trấu, 1.500 chu kỳ, không dùng lithi và coban.",
    abstractEn:
      "Sodium-ion cells with rice-husk hard-carbon anodes, 1,500 cycles, free of lithium and cobalt.",
    trl: 5,
    story: "offers-open",
    buyers: ["matroi", "saomai"],
    price: 14n * B,
    fieldOfUse: "lưu trữ điện mặt trời",
  },
  {
    owner: "matroi",
    kind: Kind.UtilitySolution,
    registrationNumber: "2-0003122",
    field: ENERGY,
    title: "Robot làm sạch tấm pin mặt trời không dùng nước",
    titleEn: "Waterless solar-panel cleaning robot",
    abstract: "Robot chổi quay tĩnh điện chạy theo dãy pin, làm sạch 1 MWp mỗi đêm, không cần nước.",
    abstractEn: "An electrostatic rotary-brush robot cleaning 1 MWp a night along panel rows, without water.",
    trl: 8,
    story: "listed",
    price: 3n * B,
    fieldOfUse: "vận hành nhà máy điện mặt trời",
  },
  {
    owner: "nano",
    kind: Kind.Patent,
    registrationNumber: "1-0040388",
    field: ENERGY,
    title: "Tế bào quang điện perovskite ổn định nhiệt",
    titleEn: "Thermally stable perovskite solar cell",
    abstract: "Lớp chuyển tiếp 2D/3D giữ 90% hiệu suất sau 1.000 giờ ở 85 °C.",
    abstractEn: "A 2D/3D interface layer keeping 90% efficiency after 1,000 hours at 85 °C.",
    trl: 4,
    story: "revoked",
    price: 6n * B,
    fieldOfUse: "điện mặt trời",
  },
  {
    owner: "bien",
    kind: Kind.KnowHow,
    registrationNumber: "BQ-2025-0122",
    field: ENERGY,
    title: "Quy trình sản xuất hydro xanh từ điện phân nước biển",
    titleEn: "Green hydrogen from direct seawater electrolysis",
    abstract: "Điện cực niken–sắt phủ lớp chống clo cho phép điện phân trực tiếp nước biển 500 giờ.",
    abstractEn:
      "Chlorine-resistant nickel-iron electrodes allowing 500 hours of direct seawater electrolysis.",
    trl: 4,
    story: "pending",
    price: 8n * B,
    fieldOfUse: "hydro xanh",
  },
  // Chuỗi khối
  {
    owner: "saomai",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2024-00655",
    field: CHAIN,
    title: "Hệ thống truy xuất nguồn gốc nông sản trên chuỗi khối",
    titleEn: "Blockchain traceability for agricultural produce",
    abstract:
      "Mỗi lô hàng mang mã QR liên kết nhật ký canh tác, kiểm định và vận chuyển ghi trên chuỗi khối.",
    abstractEn:
      "Each lot carries a QR code linking farming, inspection and shipping records anchored on a blockchain.",
    trl: 9,
    story: "licensed",
    buyers: ["xanh"],
    price: 2n * B,
    fieldOfUse: "xuất khẩu trái cây",
  },
  {
    owner: "bachkhoa",
    coOwners: ["tayninh"],
    kind: Kind.Software,
    registrationNumber: "VN-SW-2025-00120",
    field: CHAIN,
    title: "Giao thức định danh phi tập trung cho văn bằng số",
    titleEn: "Decentralised identity protocol for digital diplomas",
    abstract:
      "Văn bằng phát hành dưới dạng chứng nhận có thể kiểm chứng, tra cứu không cần cơ sở dữ liệu trung tâm.",
    abstractEn: "Diplomas issued as verifiable credentials, checked without a central database.",
    trl: 6,
    story: "offers-open",
    buyers: ["saomai"],
    price: 3n * B,
    fieldOfUse: "giáo dục",
  },
  {
    owner: "tayninh",
    kind: Kind.Patent,
    registrationNumber: "1-0041930",
    field: CHAIN,
    title: "Phương pháp xác thực hợp đồng điện tử đa chữ ký",
    titleEn: "Multi-signature e-contract authentication method",
    abstract: "Hợp đồng điện tử được ký ngưỡng 2-trên-3 và neo dấu thời gian lên chuỗi khối công khai.",
    abstractEn: "E-contracts signed 2-of-3 threshold and time-stamped on a public blockchain.",
    trl: 5,
    story: "rejected",
    price: 2n * B,
    fieldOfUse: "thương mại điện tử",
  },
  {
    owner: "saomai",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2025-00467",
    field: CHAIN,
    title: "Ví lưu ký tài sản số cho doanh nghiệp vừa và nhỏ",
    titleEn: "Custodial digital-asset wallet for small businesses",
    abstract: "Ví lưu ký đa chữ ký với khóa chia sẻ trên mô-đun bảo mật phần cứng và phân quyền duyệt chi.",
    abstractEn: "A multi-signature custodial wallet with HSM-held key shares and spending approvals.",
    trl: 7,
    story: "listing-closed",
    price: 4n * B,
    fieldOfUse: "tài chính doanh nghiệp",
  },
  {
    owner: "vimach",
    kind: Kind.Software,
    registrationNumber: "VN-SW-2025-00901",
    field: CHAIN,
    title: "Bộ công cụ kiểm toán hợp đồng thông minh tự động",
    titleEn: "Automated smart-contract audit toolkit",
    abstract: "Phân tích tĩnh và kiểm thử mờ hợp đồng Solidity, phát hiện 28 loại lỗ hổng phổ biến.",
    abstractEn:
      "Static analysis and fuzzing of Solidity contracts detecting 28 common vulnerability classes.",
    trl: 6,
    story: "verified",
    price: 2n * B,
    fieldOfUse: "kiểm toán phần mềm",
  },
];
