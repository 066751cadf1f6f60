// Images and mosaics, newest first; mosaics show their PNG preview when the pipeline wrote one.
import {get, showArtifact} from './api.js';
import {throttle, errorLine, fill, fixed, h, mjdToDate, panel, scroller, utc, unixToDate} from './dom.js';
import {onReconnect, subscribe} from './live.js';

const IMAGE_ROWS = 50;
const MOSAIC_CARDS = 24;

export function render(root) {
  const mosaics = h('div', {class: 'thumbnails', id: 'mosaics'});
  const images = h('tbody', {id: 'images-body'});
  fill(root,
    panel('Mosaics', mosaics),
    panel('Images', scroller(h('table', {class: 'images'},
      h('thead', {}, h('tr', {}, ['observed (UTC)', 'field', 'type', 'beam (″)', 'noise (mJy)', 'dynamic range', 'centre RA, Dec', 'path']
        .map((label) => h('th', {}, label)))),
      images))));

  const thumbnail = (mosaic) => {
    if (!mosaic.thumbnail_path) return h('div', {class: 'no-thumbnail'}, 'no preview');
    const img = h('img', {alt: `preview of ${mosaic.name}`});
    showArtifact(img, mosaic.thumbnail_path).catch(() => img.replaceWith(h('div', {class: 'no-thumbnail'}, 'preview missing')));
    return img;
  };

  const loadMosaics = async () => {
    try {
      const page = await get('mosaics', {limit: MOSAIC_CARDS});
      fill(mosaics, page.mosaics.length ? page.mosaics.map((m) => h('figure', {class: 'mosaic'}, thumbnail(m),
        h('figcaption', {}, h('strong', {}, m.name), h('br'),
          `${utc(mjdToDate(m.start_mjd))} · ${fixed(m.hours ?? (m.end_mjd - m.start_mjd) * 24, 1)} h`,
          m.noise_mjy !== null && m.noise_mjy !== undefined ? ` · ${fixed(m.noise_mjy, 2)} mJy rms` : '')))
        : h('p', {class: 'muted'}, 'no mosaics yet'));
    } catch (error) {
      fill(mosaics, errorLine(error));
    }
  };

  const loadImages = async () => {
    try {
      const page = await get('images', {limit: IMAGE_ROWS});
      fill(images, page.images.length ? page.images.map((image) => h('tr', {},
        h('td', {class: 'mono'}, image.mid_mjd ? utc(mjdToDate(image.mid_mjd)) : utc(unixToDate(image.created_at))),
        h('td', {}, image.field_name || '—'), h('td', {}, image.type),
        h('td', {class: 'num'}, image.beam_major_arcsec ? `${fixed(image.beam_major_arcsec, 1)} × ${fixed(image.beam_minor_arcsec, 1)}` : '—'),
        h('td', {class: 'num'}, image.noise_jy ? fixed(image.noise_jy * 1000, 3) : '—'),
        h('td', {class: 'num'}, fixed(image.dynamic_range, 0)),
        h('td', {class: 'num'}, `${fixed(image.center_ra_deg, 2)}, ${fixed(image.center_dec_deg, 2)}`),
        h('td', {class: 'mono path'}, image.path)))
        : h('tr', {}, h('td', {colspan: 8, class: 'muted'}, 'no images yet')));
    } catch (error) {
      fill(images, h('tr', {}, h('td', {colspan: 8}, errorLine(error))));
    }
  };

  const loadAll = () => Promise.all([loadMosaics(), loadImages()]);
  loadAll();
  const refreshImages = throttle(loadImages, 1000);
  const refreshMosaics = throttle(loadMosaics, 1000);
  const stops = [
    subscribe('events.products', (event) => {
      if (event.type === 'image') refreshImages();
      if (event.type === 'mosaic') refreshMosaics();
    }),
    onReconnect(loadAll),
  ];
  return () => stops.forEach((stop) => stop());
}
