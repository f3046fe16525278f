// The exchange's domain vocabulary, reviewed like code. Each group holds phrases that mean the same
// thing to a buyer, in Vietnamese and English; a query containing one phrase of a group also finds
// the others (both ways), ranked below the words the user typed. Phrases are matched word by word
// after folding and stemming, so diacritics, hyphens and plurals need not be listed twice.
// Add a group only for terms the exchange's fields actually use; a wrong synonym costs precision
// on every query that contains it.

export const synonymGroups: readonly (readonly string[])[] = [
  // fields of the Southeast region's priority list (Resolution 57)
  ["trí tuệ nhân tạo", "AI", "artificial intelligence"],
  ["bán dẫn", "chất bán dẫn", "semiconductor", "chip", "vi mạch", "microchip"],
  ["mạch tích hợp", "integrated circuit", "vi mạch tích hợp"],
  ["công nghệ sinh học", "biotechnology", "biotech"],
  ["vật liệu mới", "new materials", "advanced materials"],
  ["UAV", "drone", "máy bay không người lái", "thiết bị bay không người lái", "unmanned aerial vehicle"],
  ["tự hành", "autonomous", "self-driving"],
  ["internet vạn vật", "IoT", "internet of things"],
  ["năng lượng sạch", "clean energy", "năng lượng tái tạo", "renewable energy"],
  ["chuỗi khối", "blockchain"],
  // technologies and products that recur in listings
  ["pin mặt trời", "tấm pin mặt trời", "solar cell", "solar panel", "quang điện", "photovoltaic", "solar"],
  ["vắc-xin", "vaccine", "vacxin"],
  ["học sâu", "deep learning"],
  ["học máy", "machine learning"],
  ["mạng nơ-ron", "neural network"],
  ["nhận dạng tiếng nói", "nhận dạng giọng nói", "speech recognition"],
  ["cảm biến", "sensor"],
  ["phần mềm", "software"],
  ["pin", "battery", "ắc quy"],
  ["hydro", "hydrogen", "hiđrô"],
  ["lúa", "rice"],
  ["tôm", "shrimp"],
  ["nuôi trồng thủy sản", "thủy sản", "aquaculture"],
  ["phân bón", "fertiliser", "fertilizer"],
  ["y tế", "medical", "healthcare"],
  ["bệnh viện", "hospital"],
  ["robot", "rô-bốt"],
  ["tua-bin gió", "wind turbine"],
  ["nước thải", "wastewater"],
  ["hợp đồng thông minh", "smart contract"],
];

/**
 * English names of the fields assets are filed under (by the field's Vietnamese name), so that an
 * English query finds an asset through its field. A field missing here is found by its own name.
 */
export const fieldNamesEn: Readonly<Record<string, string>> = {
  "Trí tuệ nhân tạo": "Artificial intelligence",
  "Bán dẫn": "Semiconductors",
  "Công nghệ sinh học": "Biotechnology",
  "Vật liệu mới": "New materials",
  "UAV và hệ thống tự hành": "UAVs and autonomous systems",
  "Internet vạn vật (IoT)": "Internet of Things (IoT)",
  "Năng lượng sạch": "Clean energy",
  "Năng lượng": "Energy",
  "Chuỗi khối (blockchain)": "Blockchain",
  "Thủy sản": "Fisheries and aquaculture",
  "Nông nghiệp": "Agriculture",
  "Phần mềm": "Software",
  "Môi trường": "Environment",
  "Cơ khí": "Mechanical engineering",
};

/** The names of the kinds of asset in both languages (the law's Vietnamese terms). */
export const kindNames: Readonly<Record<string, readonly [string, string]>> = {
  PATENT: ["Sáng chế", "Patent"],
  UTILITY_SOLUTION: ["Giải pháp hữu ích", "Utility solution"],
  INDUSTRIAL_DESIGN: ["Kiểu dáng công nghiệp", "Industrial design"],
  LAYOUT_DESIGN: ["Thiết kế bố trí mạch tích hợp bán dẫn", "Semiconductor integrated circuit layout design"],
  SOFTWARE: ["Phần mềm", "Software"],
  KNOW_HOW: ["Bí quyết kỹ thuật", "Know-how"],
  PLANT_VARIETY: ["Giống cây trồng", "Plant variety"],
  OTHER: ["Khác", "Other"],
};

/** Words that carry no meaning on their own: a query need not match them. */
export const stopWords: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "of",
  "for",
  "and",
  "or",
  "with",
  "in",
  "on",
  "to",
  "by",
  "from",
  "at",
  "và",
  "của",
  "cho",
  "các",
  "những",
  "với",
  "là",
  "trên",
  "bằng",
]);
