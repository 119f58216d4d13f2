// pdf.js's parser runs here, in a dedicated worker the bundler emits as a file
// under 'self' (the CSP's script-src covers it; nothing is fetched from elsewhere).
import 'pdfjs-dist/build/pdf.worker.min.mjs';
