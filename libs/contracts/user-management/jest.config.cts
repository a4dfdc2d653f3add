module.exports = { displayName: 'contracts-user-management', preset: '../../../jest.preset.js' };
