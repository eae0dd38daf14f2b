// The picture of a recommendation's path: diagram data, SVG markup and a PNG of it.
export { diagramOf } from './model.ts';
export { renderPng } from './png.ts';
export { renderSvg } from './svg.ts';
